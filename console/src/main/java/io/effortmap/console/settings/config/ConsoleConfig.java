package io.effortmap.console.settings.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the browser app needs to know at run time: where users log in. */
@ConfigMapping(prefix = "effortmap.console")
public interface ConsoleConfig {

    /** The realm URL browsers reach (behind an ingress it differs from the in-cluster one). */
    String oidcIssuer();

    /** The public OIDC client the app logs in with (authorization code + PKCE). */
    @WithDefault("effortmap-web")
    String oidcClientId();
}
