package io.devhealth.support.text;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a request record: its JSON string components are checked and normalized by {@link Text} as they are read
 * (stripped of Unicode white space; NUL or an unpaired surrogate answers 422 {@code validation} naming the
 * field), before Bean Validation sees them. Components marked {@link Verbatim} are checked but kept as sent.
 * Opt-in per type, because the same JSON reader also parses provider responses, which are data, not input.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CleanText {
}
