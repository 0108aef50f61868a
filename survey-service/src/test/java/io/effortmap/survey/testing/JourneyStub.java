package io.effortmap.survey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.ConfigProvider;

/** Drives {@link JourneyStubResource} from a test. */
public final class JourneyStub {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private JourneyStub() {
    }

    /** Makes the touchpoint known to the stub for tokens of that workspace. */
    public static void register(String workspace, String journeyId, String touchpointId) {
        call("POST", "touchpoints/" + enc(workspace) + "/" + enc(journeyId) + "/" + enc(touchpointId));
    }

    public static void failing() {
        call("POST", "mode/ERROR");
    }

    public static void slow() {
        call("POST", "mode/SLOW");
    }

    /** REFUSE (400), WRONG (a journey instead of a touchpoint) or GARBAGE (not JSON). */
    public static void mode(String mode) {
        call("POST", "mode/" + mode);
    }

    /** Back to answering normally, with the lookup counter at zero. */
    public static void reset() {
        call("POST", "reset");
    }

    public static int lookups() {
        return Integer.parseInt(call("GET", "lookups"));
    }

    public static String lastAuthorization() {
        return call("GET", "last-authorization");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String call(String method, String path) {
        String base = ConfigProvider.getConfig().getValue("quarkus.rest-client.journey-service.url", String.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/__stub/" + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("stub answered " + response.statusCode() + " to " + path);
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
