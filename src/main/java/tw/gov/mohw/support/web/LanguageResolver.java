package tw.gov.mohw.support.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The reader's language. Pages are in Traditional Chinese unless the reader chose English with the switch (kept
 * in a cookie); the JSON API follows {@code Accept-Language}, as API clients expect.
 */
class LanguageResolver implements LocaleResolver {

    static final String COOKIE = "lang";
    private static final String CHOSEN = LanguageResolver.class.getName() + ".chosen";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(CHOSEN) instanceof Locale chosen) {
            return chosen; // switched by this very request
        }
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName())) {
                    return "en".equals(c.getValue()) ? Locale.ENGLISH : WebConfiguration.TRADITIONAL_CHINESE;
                }
            }
        }
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/") ? Problems.localeOf(request)
                : WebConfiguration.TRADITIONAL_CHINESE;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        request.setAttribute(CHOSEN, english ? Locale.ENGLISH : WebConfiguration.TRADITIONAL_CHINESE);
        Cookie cookie = new Cookie(COOKIE, english ? "en" : "zh-TW");
        cookie.setPath("/");
        cookie.setMaxAge(365 * 24 * 3600);
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }
}
