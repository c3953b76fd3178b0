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

    @Test
    void plainHttpIsOnlyForThisMachine() {
        for (String local : new String[] {"http://localhost:8080", "http://127.0.0.1:9", "http://[::1]:80/api", "http://sandbox.localhost"}) {
            assertThat(new MaximEndpoint(URI.create(local), "app-1", "t").baseUri()).hasToString(local);
        }
        for (String remote : new String[] {"http://api.maximtop.com", "http://10.0.0.5:8080", "http://127.0.0.1.example.com"}) {
            assertThatThrownBy(() -> new MaximEndpoint(URI.create(remote), "app-1", "t")).as(remote)
                    .hasMessageContaining("plain http:// to another machine").hasMessageContaining("use https://");
        }
    }
}
