package io.effortmap.console.settings.rest;

import io.effortmap.console.settings.config.ConsoleConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /console-settings.json}: the login settings of this deployment, read by the app before anything else,
 * so one build runs against any Keycloak. Public by nature (an authorization request shows the same values).
 */
@Path("/console-settings.json")
public class ConsoleSettingsResource {

    public record ConsoleSettings(String issuer, String clientId) {
    }

    private final ConsoleSettings settings;

    ConsoleSettingsResource(ConsoleConfig config) {
        this.settings = new ConsoleSettings(config.oidcIssuer(), config.oidcClientId());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ConsoleSettings settings() {
        return settings;
    }
}
