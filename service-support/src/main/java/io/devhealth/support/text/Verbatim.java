package io.devhealth.support.text;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a component of a {@link CleanText} record: kept exactly as sent (passwords and secrets, where white space
 * is significant); still refused when it holds NUL or an unpaired surrogate.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
public @interface Verbatim {
}
