package io.effortmap.e2e;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Set-up calls of the fault tests, made right after the previous fault: a 503 means a component is still coming back
 * (the gateway answers so while a service is not ready), so the call is repeated for a while; anything else fails.
 */
final class SetUp {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private SetUp() {
    }

    /** The first answer that is 2xx; repeats on 503, fails on anything else. */
    static Response created(Supplier<Response> call) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Response response = call.get();
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            if (status != 503 || System.nanoTime() > deadline) {
                throw new AssertionError("Set-up call answered " + status + ": " + response.asString());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted");
            }
        }
    }
}
