package io.effortmap.localmongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which commands wait for the group commit: every write does; reads and pings never wait for others' writes. */
class ReadOnlyCommandsTest {

    @Test
    void pingsAndReadsDoNotWaitForTheDisk() {
        assertThat(LocalMongoBackends.readOnly("ping", new Document())).isTrue();
        assertThat(LocalMongoBackends.readOnly("isMaster", new Document())).isTrue();
        assertThat(LocalMongoBackends.readOnly("find", new Document())).isTrue();
        assertThat(LocalMongoBackends.readOnly("getMore", new Document())).isTrue();
        assertThat(LocalMongoBackends.readOnly("aggregate",
                new Document("pipeline", List.of(new Document("$match", new Document("a", 1)))))).isTrue();
    }

    @Test
    void writesAndUnknownCommandsWait() {
        for (String write : List.of("insert", "update", "delete", "findAndModify", "createIndexes", "drop",
                "dropDatabase", "renameCollection", "someFutureCommand")) {
            assertThat(LocalMongoBackends.readOnly(write, new Document())).as(write).isFalse();
        }
        assertThat(LocalMongoBackends.readOnly("aggregate",
                new Document("pipeline", List.of(new Document("$match", new Document()), new Document("$out", "c")))))
                .isFalse();
        assertThat(LocalMongoBackends.readOnly("aggregate",
                new Document("pipeline", List.of(new Document("$merge", new Document("into", "c")))))).isFalse();
    }
}
