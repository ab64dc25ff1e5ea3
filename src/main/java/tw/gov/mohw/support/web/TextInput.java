package tw.gov.mohw.support.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tw.gov.mohw.support.shared.Texts;

/**
 * Text in a JSON body is refused when it holds a control character (a NUL byte would otherwise reach PostgreSQL,
 * which refuses it): the client is told which field, as a 422 ({@link ApiExceptionHandler}), and nothing changes.
 */
@Configuration
class TextInput {

    /** The message of the refusal, by which {@link ApiExceptionHandler} knows it. */
    static final String CONTROL_CHARACTERS = "control characters in text";

    @Bean
    JacksonModule textWithoutControlCharacters() {
        return new SimpleModule("text-without-control-characters").addDeserializer(String.class,
                new StringDeserializer() {
                    @Override
                    public String deserialize(JsonParser p, DeserializationContext context) throws JacksonException {
                        String text = super.deserialize(p, context);
                        if (Texts.hasControlCharacters(text)) {
                            throw InvalidFormatException.from(p, CONTROL_CHARACTERS, "(refused)", String.class);
                        }
                        return text;
                    }
                });
    }
}
