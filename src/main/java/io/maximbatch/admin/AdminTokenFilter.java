package io.maximbatch.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates `Authorization: Bearer <maxim.admin.token>`; anything else stays anonymous and is refused with 401. A
 * client that sends more than a few wrong tokens in a second gets 429 for its further wrong ones until the second is
 * over, so that guessing stays slow; the right token is checked first and always let through.
 */
final class AdminTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    /** Wrong tokens a client may send in one second before it is answered 429 for the rest of it. */
    static final int WRONG_TOKENS_PER_SECOND = 5;
    /** Clients remembered at most: a flood of addresses must not fill the memory. */
    private static final int MOST_CLIENTS = 10_000;

    private final byte[] tokenDigest;
    private final Map<String, long[]> wrongTokens = new ConcurrentHashMap<>();
    private final LongSupplier millis;

    AdminTokenFilter(String token) {
        this(token, System::currentTimeMillis);
    }

    /** millis: the clock that says which second a wrong token falls in. */
    AdminTokenFilter(String token, LongSupplier millis) {
        this.tokenDigest = digest(token);
        this.millis = millis;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String client = request.getRemoteAddr();
        boolean right = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && matches(header.substring(BEARER.length()).trim());
        if (right) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null,
                    List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
            SecurityContextHolder.setContext(context);
        } else if (header != null && wrong(client) > WRONG_TOKENS_PER_SECOND) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            AdminSecurity.problem(response, 429, "Too Many Requests", "too many wrong admin tokens from this address; wait a second",
                    request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Counts a wrong token from the client in the current second; the count so far in that second. */
    private long wrong(String client) {
        if (wrongTokens.size() > MOST_CLIENTS) {
            wrongTokens.clear();
        }
        long now = millis.getAsLong() / 1000;
        return wrongTokens.compute(client, (c, second) -> second == null || second[0] != now ? new long[] {now, 1}
                : new long[] {now, second[1] + 1})[1];
    }

    /** Compares digests in constant time, so neither the token's content nor its length leaks through timing. */
    private boolean matches(String presented) {
        return MessageDigest.isEqual(tokenDigest, digest(presented));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
