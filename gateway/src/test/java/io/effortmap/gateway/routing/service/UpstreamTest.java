package io.effortmap.gateway.routing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.effortmap.gateway.routing.service.RouteTable.Upstream;
import org.junit.jupiter.api.Test;

class UpstreamTest {

    @Test
    void httpsUpstreamsDefaultToPort443AndTls() {
        assertThat(Upstream.of("https://survey.internal")).isEqualTo(new Upstream("survey.internal", 443, true, "https://survey.internal"));
        assertThat(Upstream.of("HTTPS://survey.internal:8443/")).isEqualTo(new Upstream("survey.internal", 8443, true, "https://survey.internal:8443"));
    }

    @Test
    void httpUpstreamsDefaultToPort80() {
        assertThat(Upstream.of("http://survey-service")).isEqualTo(new Upstream("survey-service", 80, false, "http://survey-service"));
        assertThat(Upstream.of("http://survey-service:8080")).isEqualTo(new Upstream("survey-service", 8080, false, "http://survey-service:8080"));
    }

    @Test
    void otherSchemesAreRefusedAtStart() {
        assertThatThrownBy(() -> Upstream.of("ftp://survey")).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> Upstream.of("survey-service:8080")).isInstanceOf(IllegalArgumentException.class);
    }
}
