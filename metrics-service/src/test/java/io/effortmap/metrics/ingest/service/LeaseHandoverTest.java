package io.effortmap.metrics.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.effortmap.metrics.ingest.repository.LeaseRepository;
import io.effortmap.metrics.testing.UpstreamStubResource;
import io.effortmap.testsupport.MongoResource;
import io.effortmap.testsupport.TestOidcResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The feed lease: one holder at a time, handed over at once on release, and the holder's progress for everyone. */
@QuarkusTest
@TestProfile(IngestorRecoveryTest.ManualIngestion.class)
@WithTestResource(MongoResource.class)
@WithTestResource(TestOidcResource.class)
@WithTestResource(UpstreamStubResource.class)
class LeaseHandoverTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration TTL = Duration.ofSeconds(30);

    @Inject
    LeaseRepository leases;

    @Test
    void aLiveLeaseIsExclusiveAndAReleasedOneIsTakenOverAtOnce() {
        String feed = "feed-" + UUID.randomUUID();
        assertThat(leases.acquire(feed, "a", TTL).await().atMost(WAIT)).isTrue();
        assertThat(leases.acquire(feed, "b", TTL).await().atMost(WAIT)).isFalse();
        assertThat(leases.acquire(feed, "a", TTL).await().atMost(WAIT)).as("renewed by its holder").isTrue();

        // A clean shutdown: the next replica does not wait for the 30 s to pass.
        leases.release(feed, "a").await().atMost(WAIT);
        assertThat(leases.acquire(feed, "b", TTL).await().atMost(WAIT)).isTrue();
        assertThat(leases.acquire(feed, "a", TTL).await().atMost(WAIT)).isFalse();
    }

    @Test
    void aHolderThatStopsRenewingLosesTheLeaseWhenItExpires() {
        String feed = "feed-" + UUID.randomUUID();
        assertThat(leases.acquire(feed, "crashed", Duration.ofMillis(300)).await().atMost(WAIT)).isTrue();
        assertThat(leases.acquire(feed, "successor", TTL).await().atMost(WAIT)).isFalse();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> leases.acquire(feed, "successor", TTL)
                .await().atMost(WAIT));
    }

    @Test
    void theHoldersProgressIsReadableByEveryReplicaAndSurvivesAHandover() {
        String feed = "feed-" + UUID.randomUUID();
        Instant read = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant newest = read.minusSeconds(3);
        leases.acquire(feed, "a", TTL, new LeaseRepository.Progress(read, newest)).await().atMost(WAIT);
        leases.release(feed, "a").await().atMost(WAIT);
        // The successor knows nothing yet: what "a" recorded stays, and an older item never moves it back.
        leases.acquire(feed, "b", TTL, new LeaseRepository.Progress(null, newest.minusSeconds(60))).await().atMost(WAIT);

        List<LeaseRepository.Lease> found = leases.read(List.of(feed, "never-leased")).await().atMost(WAIT);
        assertThat(found).singleElement().satisfies(lease -> {
            assertThat(lease.owner()).isEqualTo("b");
            assertThat(lease.progress().readAt()).isEqualTo(read);
            assertThat(lease.progress().newestItemAt()).isEqualTo(newest);
        });
    }
}
