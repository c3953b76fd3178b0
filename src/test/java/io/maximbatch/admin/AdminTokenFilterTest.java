package io.maximbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/** The wrong-token throttle slows guessing down and never refuses the right token. */
class AdminTokenFilterTest {

    private static final String TOKEN = "the-right-admin-token-0123456789abcdef";
    /** Every request falls in the same second. */
    private final AdminTokenFilter filter = new AdminTokenFilter(TOKEN, () -> 1_700_000_000_123L);
    private final List<String> passed = new ArrayList<>();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theRightTokenGets200AfterWrongOnesInTheSameSecondAndTheWrongOnesPastTheLimitGet429() throws Exception {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < AdminTokenFilter.WRONG_TOKENS_PER_SECOND + 2; i++) {
            wrong.add(call("guess-" + i));
        }
        int right = call(TOKEN);
        int wrongAfter = call("guess-after");

        assertThat(wrong).containsExactly(401, 401, 401, 401, 401, 429, 429);
        assertThat(right).isEqualTo(200);
        assertThat(wrongAfter).isEqualTo(429);
        assertThat(passed).containsExactly("anonymous", "anonymous", "anonymous", "anonymous", "anonymous", "admin");
    }

    /** The status the client would see: 429 from the filter, 401 for an anonymous caller past it, 200 for the admin. */
    private int call(String token) throws Exception {
        SecurityContextHolder.clearContext();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/jobs");
        request.setRemoteAddr("192.0.2.7");
        request.addHeader("Authorization", "Bearer " + token);
        MockHttpServletResponse response = new MockHttpServletResponse();
        int[] status = {0};
        filter.doFilter(request, response, (req, res) -> {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            passed.add(authentication == null ? "anonymous" : authentication.getName());
            status[0] = authentication == null ? 401 : 200;
        });
        return status[0] == 0 ? response.getStatus() : status[0];
    }
}
