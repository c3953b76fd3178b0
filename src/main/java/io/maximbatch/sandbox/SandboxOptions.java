package io.maximbatch.sandbox;

/**
 * How a {@link SandboxServer} is started.
 *
 * @param port        port to bind on 127.0.0.1; 0 picks a free one
 * @param appId       the only {@code app_id} the server accepts
 * @param accessToken the only {@code access-token} accepted; null accepts any non-empty token
 * @param faults      fault switches at start (changeable later through {@link SandboxServer#faults()})
 */
public record SandboxOptions(int port, String appId, String accessToken, SandboxFaults.Settings faults) {

    public SandboxOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (appId == null || appId.isEmpty()) {
            throw new IllegalArgumentException("appId is required");
        }
        if (faults == null) {
            faults = SandboxFaults.Settings.none();
        }
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, "sandbox", "sandbox-token", SandboxFaults.Settings.none());
    }

    public SandboxOptions withPort(int newPort) {
        return new SandboxOptions(newPort, appId, accessToken, faults);
    }

    public SandboxOptions withFaults(SandboxFaults.Settings newFaults) {
        return new SandboxOptions(port, appId, accessToken, newFaults);
    }
}
