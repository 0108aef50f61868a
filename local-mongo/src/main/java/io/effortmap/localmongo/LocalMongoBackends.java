package io.effortmap.localmongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * mongo-java-server backends whose collections look up {@code _id} conditions by index (see {@link IdLookupIndex});
 * in memory, {@code _id $in} lists are also matched as sets (see {@link IdSetMatchingCollection}).
 */
public final class LocalMongoBackends {

    private LocalMongoBackends() {
    }

    /** In memory, for tests. */
    public static MongoBackend memory() {
        return new MemoryBackend() {
            @Override
            public MemoryDatabase openOrCreateDatabase(String name) {
                CursorRegistry cursors = getCursorRegistry();
                return new MemoryDatabase(name, cursors) {
                    @Override
                    protected MemoryCollection openOrCreateCollection(String collection, CollectionOptions options) {
                        MemoryCollection created = new IdSetMatchingCollection(this, collection, options, cursors);
                        created.addIndex(new IdLookupIndex<>(created));
                        return created;
                    }
                };
            }
        };
    }

    /** Commands that never change data; any other command is treated as a write. */
    private static final Set<String> READS = Set.of("ping", "hello", "ismaster", "buildinfo", "find", "getmore",
            "count", "distinct", "listcollections", "listindexes", "listdatabases", "killcursors", "endsessions",
            "serverstatus", "dbstats", "collstats", "getparameter", "getcmdlineopts", "whatsmyuri", "connectionstatus",
            "hostinfo", "getlog", "getlasterror");

    static boolean readOnly(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            // $out and $merge write the pipeline's result.
            return !(query.get("pipeline") instanceof List<?> stages) || stages.stream().noneMatch(stage ->
                    stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
        }
        return READS.contains(name);
    }

    /**
     * In an H2 file, for the local stack's data that survives restarts. Every command that changed something is
     * committed and forced to disk before it is answered ({@link GroupCommit}), as a MongoDB journal with
     * {@code j: true} would: an acknowledged write survives a crash of the store's process or of the machine. On its
     * own the file store writes about once a second, so a crash lost the last second's acknowledged writes.
     */
    public static MongoBackend h2(String file) {
        return new H2Backend(file) {
            private final GroupCommit durability = new GroupCommit(getMvStore());

            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                try {
                    return super.handleCommand(channel, database, command, query);
                } finally {
                    // Also after a failed command: an unordered insertMany can fail after writing some documents.
                    // A read (a readiness ping above all) does not wait for other clients' writes to reach the disk.
                    if (!readOnly(command, query) && getMvStore().hasUnsavedChanges()) {
                        durability.awaitDurable();
                    }
                }
            }

            @Override
            protected MongoDatabase openOrCreateDatabase(String name) {
                return new H2Database(name, getMvStore(), getCursorRegistry()) {
                    @Override
                    protected de.bwaldvogel.mongo.MongoCollection<Object> openOrCreateCollection(String collection,
                            CollectionOptions options) {
                        de.bwaldvogel.mongo.MongoCollection<Object> created = super.openOrCreateCollection(collection, options);
                        ((de.bwaldvogel.mongo.backend.AbstractMongoCollection<Object>) created)
                                .addIndex(new IdLookupIndex<>(created));
                        return created;
                    }
                };
            }
        };
    }
}
