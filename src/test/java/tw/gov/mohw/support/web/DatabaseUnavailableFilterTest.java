package tw.gov.mohw.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The database out of reach anywhere in a request: 503 with Retry-After, problem+json or a page, never a 500. */
class DatabaseUnavailableFilterTest {

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    private final DatabaseUnavailableFilter filter;

    DatabaseUnavailableFilterTest() {
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        filter = new DatabaseUnavailableFilter(new Problems(messages, JsonMapper.builder().build()), messages);
    }

    private MockHttpServletResponse run(MockHttpServletRequest request, RuntimeException failure) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> {
            throw failure;
        });
        return response;
    }

    @Test
    void noConnectionIsA503WithRetryAfter() throws Exception {
        var api = new MockHttpServletRequest("GET", "/api/v1/reports");
        api.addHeader("Accept", "application/json");
        var down = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLException("Connection refused", "08001"));
        var answer = run(api, down);
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeader("Retry-After")).isEqualTo("30");
        assertThat(answer.getContentType()).startsWith("application/problem+json");
        assertThat(answer.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("\"status\":503");

        var page = new MockHttpServletRequest("GET", "/reports/1");
        page.addHeader("Accept", "text/html,*/*");
        var html = run(page, new IllegalStateException("session store", new SQLException("I/O error", "08006")));
        assertThat(html.getStatus()).isEqualTo(503);
        assertThat(html.getHeader("Retry-After")).isEqualTo("30");
        assertThat(html.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("lang=\"zh-Hant-TW\"", "系統暫時無法服務").doesNotContain("Exception");

        // the primary killed under a request (the cluster's failover drill): the session store's read fails so
        for (String state : new String[] {"57P01", "57P02", "57P03"}) {
            var killed = run(new MockHttpServletRequest("GET", "/api/v1/reports"), new IllegalStateException(
                    "session store", new SQLException("terminating connection due to unexpected postmaster exit",
                            state)));
            assertThat(killed.getStatus()).as(state).isEqualTo(503);
            assertThat(killed.getHeader("Retry-After")).as(state).isEqualTo("30");
        }
    }

    @Test
    void otherFailuresAreNotItsBusiness() {
        var request = new MockHttpServletRequest("GET", "/api/v1/reports");
        var other = new IllegalStateException("a bug", new SQLException("duplicate key", "23505"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(request, other)).isSameAs(other);
    }
}
