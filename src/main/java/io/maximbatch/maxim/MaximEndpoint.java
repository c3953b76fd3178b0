package io.maximbatch.maxim;

import java.net.URI;

/** Where MaxIM is and who we are there. toString never shows the access token. */
public record MaximEndpoint(URI baseUri, String appId, String accessToken) {

    public MaximEndpoint {
        if (baseUri == null) {
            throw new IllegalArgumentException("maxim.api-endpoint is not set (MAXIM_API_ENDPOINT), and --sandbox was not given");
        }
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("maxim.app-id is not set (MAXIM_APP_ID)");
        }
        String scheme = baseUri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("maxim.api-endpoint must start with https:// (or http:// for a local server), got: " + baseUri);
        }
    }

    @Override
    public String toString() {
        return "MaximEndpoint[" + baseUri + ", app_id=" + appId + ", access-token=" + (accessToken == null ? "none" : "***") + "]";
    }
}
