package tw.gov.mohw.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every text exists in both languages: a key missing from one bundle would show its raw key on a page. */
class MessageBundlesTest {

    private static Set<String> keys(String resource) throws IOException {
        Properties p = new Properties();
        try (var in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(p.stringPropertyNames());
    }

    @Test
    void traditionalChineseAndEnglishHoldTheSameKeys() throws IOException {
        Set<String> chinese = keys("messages.properties");
        Set<String> english = keys("messages_en.properties");
        assertThat(chinese).as("both bundles are read").hasSizeGreaterThan(500);
        Set<String> onlyChinese = new TreeSet<>(chinese);
        onlyChinese.removeAll(english);
        Set<String> onlyEnglish = new TreeSet<>(english);
        onlyEnglish.removeAll(chinese);
        assertThat(onlyChinese).as("keys with no English text").isEmpty();
        assertThat(onlyEnglish).as("keys with no Chinese text").isEmpty();
    }
}
