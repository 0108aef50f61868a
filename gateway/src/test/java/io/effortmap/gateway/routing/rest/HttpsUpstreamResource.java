package io.effortmap.gateway.routing.rest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;
import io.smallrye.certs.PemCertificateFiles;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two https upstreams with throw-away self-signed certificates for {@code localhost}: survey and journey are served
 * with a certificate the gateway is told to trust ({@code effortmap.gateway.upstream-trust-certs}), metrics with one
 * it does not know. Each answers with what it saw: method, URI, Host and whether the connection was TLS.
 */
public class HttpsUpstreamResource implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = java.nio.file.Files.createDirectories(Path.of("target", "https-upstream-certs"));
            CertificateGenerator generator = new CertificateGenerator(dir, true);
            PemCertificateFiles trusted = generate(generator, "trusted-upstream");
            PemCertificateFiles stranger = generate(generator, "unknown-upstream");
            vertx = Vertx.vertx();
            int trustedPort = listen(trusted);
            int strangerPort = listen(stranger);
            String url = "https://localhost:" + trustedPort;
            return Map.of(
                    "effortmap.gateway.upstream-trust-certs", trusted.certFile().toAbsolutePath().toString(),
                    "effortmap.gateway.services.survey.url", url,
                    "effortmap.gateway.services.survey.management-url", url,
                    "effortmap.gateway.services.journey.url", url,
                    "effortmap.gateway.services.journey.management-url", url,
                    "effortmap.gateway.services.metrics.url", "https://localhost:" + strangerPort,
                    "effortmap.gateway.services.metrics.management-url", "https://localhost:" + strangerPort);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the https upstreams", e);
        }
    }

    private static PemCertificateFiles generate(CertificateGenerator generator, String name) throws Exception {
        return (PemCertificateFiles) generator.generate(new CertificateRequest().withName(name).withFormat(Format.PEM)
                .withCN("localhost").withSubjectAlternativeName("DNS:localhost")).get(0);
    }

    private int listen(PemCertificateFiles certificate) throws Exception {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("localhost").setPort(0)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificate.certFile().toString())
                        .setKeyPath(certificate.keyFile().toString())));
        server.requestHandler(request -> request.body().onComplete(body -> {
            JsonObject seen = new JsonObject().put("method", request.method().name()).put("uri", request.uri())
                    .put("host", request.getHeader("Host")).put("tls", request.isSSL())
                    .put("bodyLength", body.succeeded() ? body.result().length() : -1);
            request.response().putHeader("Content-Type", "application/json").end(seen.encode());
        }));
        return server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
