package tw.gov.mohw.support.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * The page a filter answers a browser with when the request never reaches a controller (an upload refused before
 * parsing, the database out of reach): the site's stylesheet, a heading, one sentence and one link, no template
 * engine and no database.
 */
record ShortPage(String title, String text, String appName, String linkText, String linkHref) {

    void write(HttpServletResponse response, HttpStatus status, Locale locale) throws IOException {
        response.setStatus(status.value());
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(("<!DOCTYPE html><html lang=\"" + (locale.getLanguage().equals("en") ? "en"
                : "zh-Hant-TW") + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + e(title) + " — " + e(appName)
                + "</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head><body><main id=\"main\" "
                + "class=\"narrow\"><h1>" + e(title) + "</h1><p>" + e(text) + "</p><p><a href=\"" + e(linkHref) + "\">"
                + e(linkText) + "</a></p></main></body></html>").getBytes(StandardCharsets.UTF_8));
    }

    private static String e(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
