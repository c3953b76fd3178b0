package io.maximbatch.maxim;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where MaxIM is and who we are there. toString never shows the access token. */
public record MaximEndpoint(URI baseUri, String appId, String accessToken) {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

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
        if ("http".equals(scheme) && !isLoopback(baseUri.getHost())) {
            throw new IllegalArgumentException("maxim.api-endpoint " + baseUri + " is plain http:// to another machine: the access token"
                    + " and users' passwords would cross the network in clear; use https:// (http:// is only for localhost,"
                    + " 127.0.0.1 or [::1])");
        }
    }

    /** This machine by name or address, decided without a DNS lookup (a name could resolve elsewhere later). */
    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.endsWith(".localhost") || LOOPBACK_V4.matcher(name).matches()
                || name.equals("[::1]") || name.equals("::1") || name.equals("[0:0:0:0:0:0:0:1]");
    }

    @Override
    public String toString() {
        return "MaximEndpoint[" + baseUri + ", app_id=" + appId + ", access-token=" + (accessToken == null ? "none" : "***") + "]";
    }
}
