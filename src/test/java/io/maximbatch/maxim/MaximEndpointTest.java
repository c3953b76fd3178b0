package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MaximEndpointTest {

    @Test
    void toStringHidesTheToken() {
        MaximEndpoint endpoint = new MaximEndpoint(URI.create("https://api.maximtop.com"), "app-1", "s3cr3t-token");

        assertThat(endpoint.toString()).contains("app-1").doesNotContain("s3cr3t-token");
    }

    @Test
    void refusesAnEndpointThatIsNotHttp() {
        assertThatThrownBy(() -> new MaximEndpoint(URI.create("ftp://api.maximtop.com"), "app-1", "t"))
                .hasMessageContaining("maxim.api-endpoint");
    }
}
