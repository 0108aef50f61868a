package io.effortmap.launcher.stores;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL (embedded binaries) on a fixed port with its data in a folder that survives restarts, and
 * makes sure survey-service's database and role exist. Runs as its own process; stops PostgreSQL on SIGTERM.
 */
public final class PostgresStore {

    private PostgresStore() {
    }

    /** Args: port, data directory, database, user, password. */
    public static void main(String[] args) throws IOException, SQLException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        String database = args[2];
        String user = args[3];
        String password = args[4];
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e);
            }
            stopped.countDown();
        }));
        StoreSupport.exitWithParent();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(s, "select 1 from pg_roles where rolname = '" + user + "'")) {
                s.execute("create role \"" + user + "\" login password '" + password.replace("'", "''") + "'");
            }
            if (!exists(s, "select 1 from pg_database where datname = '" + database + "'")) {
                s.execute("create database \"" + database + "\" owner \"" + user + "\"");
            }
        }
        System.out.println("PostgreSQL ready on port " + port + " with database " + database);
        stopped.await();
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }
}
