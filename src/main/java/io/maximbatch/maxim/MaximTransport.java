package io.maximbatch.maxim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP exchange with MaxIM: headers, the {code, message, data} envelope, and the classification of every
 * answer that is not a success. The access token goes only into the request header, never into a message.
 */
public record MaximTransport(MaximEndpoint endpoint, HttpClient http, Duration timeout) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The most an answer may hold: far more than any of ours (a page of 1,000 members is about 100 KB). */
    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;
    /** How often a call waiting for its answer looks for an operator's stop. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);


    /**
     * The HTTP client's own work (reading answers, completing futures): short tasks, so a few threads do. Its default
     * pool starts a thread whenever none is idle: 76 of them on the 1M-row bench, next to the call threads.
     */
    private static final ExecutorService HTTP_WORKERS = httpWorkers();

    private static ExecutorService httpWorkers() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("maxim-http-");
        threads.setDaemon(true);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public static HttpClient defaultHttpClient(Duration connectTimeout) {
        return defaultHttpClient(connectTimeout, null);
    }

    /** caFile: a PEM file of authorities to trust besides the JDK's (null: the JDK's only). */
    public static HttpClient defaultHttpClient(Duration connectTimeout, Path caFile) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(HTTP_WORKERS)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (caFile != null) {
            builder.sslContext(TrustedCertificates.withExtraAuthorities(caFile));
        }
        return builder.build();
    }

    /** The endpoint of a path with its query ("/group/info?group_id=1" is "/group/info"): how calls are named and counted. */
    static String endpointOf(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    /** Sends one request and returns the whole envelope of a successful answer; throws a classified failure otherwise. */
    JsonNode exchange(String method, String pathAndQuery, Long actingUserId, Object body) {
        String endpointName = endpointOf(pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(pathAndQuery))
                .timeout(timeout)
                .header("app_id", endpoint.appId())
                .header("Accept", "application/json");
        if (endpoint.accessToken() != null && !endpoint.accessToken().isEmpty()) {
            request.header("access-token", endpoint.accessToken());
        }
        if (actingUserId != null) {
            request.header("user_id", Long.toString(actingUserId));
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return read(endpointName, sent(endpointName, request.build()));
    }

    /**
     * PUT or POST of a file to an upload URL MaxIM gave (object storage, not MaxIM: no app id, token or user header);
     * any 2xx is a success, other statuses are classified as MaxIM's are. form: the POST's fields, the file last as `file`.
     */
    void upload(String method, String url, Map<String, String> form, byte[] bytes, String contentType) {
        String endpointName = method + " upload_url";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (method.equals("PUT")) {
            request.header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            MultipartForm multipart = new MultipartForm(form, bytes, contentType);
            request.header("Content-Type", multipart.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(multipart.body()));
        }
        HttpResponse<byte[]> response = sent(endpointName, request.build());
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new MaximException(endpointName + ": HTTP " + status, ErrorCodes.ofHttpStatus(status), status, 0,
                    retryAfter(response).orElse(null), ErrorCodes.mayHaveBeenExecuted(status, 0), null);
        }
    }

    /** The answer to a request, or the failure classified: no answer in time, too large, untrusted, no connection. */
    private HttpResponse<byte[]> sent(String endpointName, HttpRequest request) {
        try {
            return answer(endpointName, request);
        } catch (HttpTimeoutException e) {
            throw new MaximException(endpointName + ": no answer within " + timeout.toSeconds() + " s",
                    ErrorClass.RETRYABLE, 0, 0, null, true, null);
        } catch (CappedBody.TooLarge e) {
            // A server whose answer never ends, or is far larger than any of ours: retrying would only repeat it.
            throw new MaximException(endpointName + ": " + e.getMessage() + " (check maxim.api-endpoint)", ErrorClass.FATAL, 0, 0,
                    null, true, null);
        } catch (SSLHandshakeException e) {
            // An untrusted or wrong certificate does not heal by retrying; nothing was sent.
            throw new MaximException(endpointName + ": TLS handshake failed, the server's certificate is not trusted or does"
                    + " not match its name (" + e.getMessage() + "); a company CA can be trusted with maxim.tls.ca-file",
                    ErrorClass.FATAL, 0, 0, null, false, null);
        } catch (IOException e) {
            throw new MaximException(endpointName + ": connection failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", ErrorClass.RETRYABLE, 0, 0, null, true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MaximException(endpointName + ": interrupted", ErrorClass.FATAL, 0, 0, null, true, null);
        }
    }

    /**
     * The whole answer (headers and body) within the timeout, at most MAX_ANSWER_BYTES long; an operator's stop
     * cancels the exchange at once. The client's own timeout ends with the headers, so the deadline is kept here.
     */
    private HttpResponse<byte[]> answer(String endpointName, HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, info -> CappedBody.of(MAX_ANSWER_BYTES));
        long deadline = System.nanoTime() + timeout.toNanos();
        CallScope scope = CallScope.current();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new HttpTimeoutException("no whole answer within " + timeout);
                }
                scope.throwIfStopRequested(endpointName);
                try {
                    return exchange.get(Math.min(left, WAIT_SLICE_NANOS), TimeUnit.NANOSECONDS);
                } catch (TimeoutException slice) {
                    // Look for a stop, then wait on.
                }
            }
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof CappedBody.TooLarge tooLarge) {
                    throw tooLarge;
                }
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } finally {
            exchange.cancel(true);
        }
    }

    private JsonNode read(String endpointName, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        // Any 2xx carries MaxIM's envelope: the Swagger lists 201 Created beside 200 for every write.
        if (status < 200 || status > 299) {
            ErrorClass errorClass = ErrorCodes.ofHttpStatus(status);
            String hint = errorClass == ErrorClass.FATAL ? " (check maxim.api-endpoint)" : "";
            throw new MaximException(endpointName + ": HTTP " + status + hint, errorClass, status, 0,
                    retryAfter(response).orElse(null), ErrorCodes.mayHaveBeenExecuted(status, 0), null);
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw malformed(endpointName, "the answer is not JSON");
        }
        JsonNode codeNode = envelope.path("code");
        if (!codeNode.isNumber()) {
            throw malformed(endpointName, "the answer has no numeric code");
        }
        int code = codeNode.asInt();
        ErrorClass errorClass = ErrorCodes.ofCode(code);
        if (errorClass == ErrorClass.SUCCESS) {
            return envelope;
        }
        JsonNode messageNode = envelope.path("message");
        String message = messageNode.isString() ? withoutToken(messageNode.asString()) : "";
        throw new MaximException(endpointName + ": code " + code + (message.isEmpty() ? "" : " " + message),
                errorClass, status, code, null, ErrorCodes.mayHaveBeenExecuted(status, code), null);
    }

    /** A server may echo the token it refused; the message ends up in logs and reports, so it is masked. */
    private String withoutToken(String text) {
        String token = endpoint.accessToken();
        return token == null || token.isEmpty() ? text : text.replace(token, "***");
    }

    MaximException malformed(String endpointName, String what) {
        // A 200 that is not MaxIM's envelope means a proxy or a wrong address: retrying will not fix it.
        return new MaximException(endpointName + ": unexpected answer, " + what + " (check maxim.api-endpoint)",
                ErrorClass.FATAL, 200, 0, null, true, null);
    }

    <T> T convert(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new MaximException("unexpected data in MaxIM answer: " + e.getOriginalMessage(), ErrorClass.FATAL, 200, 0, null, true, null);
        }
    }

    <T> T convert(JsonNode node, TypeReference<T> type) {
        try {
            return JSON.readerFor(type).readValue(node);
        } catch (JacksonException e) {
            throw new MaximException("unexpected data in MaxIM answer: " + e.getOriginalMessage(), ErrorClass.FATAL, 200, 0, null, true, null);
        }
    }

    private URI resolve(String pathAndQuery) {
        String base = endpoint.baseUri().toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + pathAndQuery : base + pathAndQuery);
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(MaximTransport::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
