package io.effortmap.journey.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the unique indexes that make writes idempotent exist. MongoDB itself has its own readiness check. */
@Readiness
@ApplicationScoped
public class IndexReadinessCheck implements HealthCheck {

    @Inject
    MongoIndexes indexes;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mongodb-indexes").status(indexes.isReady()).build();
    }
}
