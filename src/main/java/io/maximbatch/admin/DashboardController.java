package io.maximbatch.admin;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard at `/`: one self-contained page holding no data, which calls the API with the token the operator
 * types. Its inline script and style are allowed by their hashes, so the policy needs no 'unsafe-inline'.
 */
@Hidden
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class DashboardController {

    static final String PAGE = "dashboard/index.html";
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final byte[] page;
    private final String policy;

    DashboardController() {
        // CRLF as LF, as the browser's parser reads it, so that the hashes match a checkout with either.
        String html = read(PAGE).replace("\r\n", "\n");
        this.page = html.getBytes(StandardCharsets.UTF_8);
        this.policy = "default-src 'none'; script-src " + hash(inline(html, "script")) + "; style-src "
                + hash(inline(html, "style")) + "; connect-src 'self'; img-src 'self' data:; base-uri 'none';"
                + " form-action 'none'; frame-ancestors 'none'";
    }

    /** The same page for everyone; anonymous callers get it with 401, like every other endpoint but health. */
    @GetMapping("/")
    ResponseEntity<byte[]> dashboard() {
        ResponseEntity.BodyBuilder answer = signedIn(SecurityContextHolder.getContext().getAuthentication())
                ? ResponseEntity.ok()
                : ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return answer.header("Content-Security-Policy", policy).contentType(HTML).body(page);
    }

    private static boolean signedIn(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() && !TRUST.isAnonymous(authentication);
    }

    /** The text of the page's only inline element of that tag; the hash must cover exactly what the browser runs. */
    static String inline(String html, String tag) {
        String open = "<" + tag + ">";
        String close = "</" + tag + ">";
        int start = html.indexOf(open);
        int end = html.indexOf(close, start + 1);
        if (start < 0 || end < 0 || html.indexOf(open, start + 1) >= 0 || html.indexOf("<" + tag + " ") >= 0) {
            throw new IllegalStateException(PAGE + " must hold exactly one plain " + open + " element");
        }
        return html.substring(start + open.length(), end);
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
        }
    }
}
