package io.effortmap.launcher.stores;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Prepares the local PostgreSQL once per data folder and exits: unpacks the embedded binaries, creates the cluster
 * (initdb) and survey-service's database and role, then records where the {@code postgres} binary is. The launcher
 * then runs that binary itself, as a child it supervises (see {@code PostgresServer}), rather than through pg_ctl,
 * which detaches the server from whoever started it.
 */
public final class PostgresStore {

    private PostgresStore() {
    }

    /** Args: port, data directory, database, user, password, file to write the binary's path to. */
    public static void main(String[] args) throws IOException, SQLException {
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        String database = args[2];
        String user = args[3];
        String password = args[4];
        Path binaryFile = Path.of(args[5]);
        Files.createDirectories(dataDir);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // The library's defaults are for throw-away test databases (fsync and synchronous_commit off).
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                if (!exists(s, "select 1 from pg_roles where rolname = '" + user + "'")) {
                    s.execute("create role \"" + user + "\" login password '" + password.replace("'", "''") + "'");
                }
                if (!exists(s, "select 1 from pg_database where datname = '" + database + "'")) {
                    s.execute("create database \"" + database + "\" owner \"" + user + "\"");
                }
            }
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
            String binary = ProcessHandle.of(postmaster).flatMap(p -> p.info().command())
                    .orElseThrow(() -> new IllegalStateException("Cannot tell where the postgres binary is"));
            Files.writeString(binaryFile, binary);
        }
        System.out.println("PostgreSQL prepared in " + dataDir + " with database " + database);
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }
}
