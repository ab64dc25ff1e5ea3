package tw.gov.mohw.support.shared;

import java.util.List;
import java.util.Objects;

/**
 * One broken rule, tied to the field it concerns. The text is not here: {@code messageKey} is looked up in the
 * message bundle (zh-TW first, English second) with {@code args}, so the same violation reads right in either
 * language.
 *
 * @param field the request field it concerns, as the client named it (e.g. {@code period.end}), or {@code null}
 *     for the request as a whole
 */
public record Violation(String field, String messageKey, List<Object> args) implements java.io.Serializable {

    public Violation {
        Objects.requireNonNull(messageKey, "messageKey");
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static Violation of(String field, String messageKey, Object... args) {
        return new Violation(field, messageKey, List.of(args));
    }
}
