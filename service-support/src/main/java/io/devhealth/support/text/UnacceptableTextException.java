package io.devhealth.support.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A request string {@link Text} refuses; answered 422 {@code validation} naming the field. */
public final class UnacceptableTextException extends JsonMappingException {

    private static final long serialVersionUID = 1L;

    UnacceptableTextException(JsonParser parser, String message) {
        super(parser, message);
    }
}
