package io.maximbatch.sandbox;

import java.time.Duration;

/**
 * How a {@link SandboxServer} is started.
 *
 * @param port        port to bind on 127.0.0.1; 0 picks a free one
 * @param appId       the only {@code app_id} the server accepts
 * @param accessToken the only {@code access-token} accepted; null accepts any non-empty token
 * @param faults      fault switches at start (changeable later through {@link SandboxServer#faults()})
 * @param transactionWindow how long a /message/send transaction_id is remembered: the vendor de-duplicates it only
 *                    "within a short time", so a resend after the window is sent again
 */
public record SandboxOptions(int port, String appId, String accessToken, SandboxFaults.Settings faults, Duration transactionWindow) {

    /** The vendor's window is not documented: a minute is short enough to show a client that counts on more. */
    public static final Duration DEFAULT_TRANSACTION_WINDOW = Duration.ofSeconds(60);

    public SandboxOptions {
        if (transactionWindow == null) {
            transactionWindow = DEFAULT_TRANSACTION_WINDOW;
        }
        if (transactionWindow.isNegative()) {
            throw new IllegalArgumentException("transactionWindow must not be negative: " + transactionWindow);
        }
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

    public SandboxOptions(int port, String appId, String accessToken, SandboxFaults.Settings faults) {
        this(port, appId, accessToken, faults, DEFAULT_TRANSACTION_WINDOW);
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, "sandbox", "sandbox-token", SandboxFaults.Settings.none());
    }

    public SandboxOptions withPort(int newPort) {
        return new SandboxOptions(newPort, appId, accessToken, faults, transactionWindow);
    }

    public SandboxOptions withFaults(SandboxFaults.Settings newFaults) {
        return new SandboxOptions(port, appId, accessToken, newFaults, transactionWindow);
    }

    public SandboxOptions withTransactionWindow(Duration window) {
        return new SandboxOptions(port, appId, accessToken, faults, window);
    }
}
