package io.devhealth.support.text;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/** Applies {@link CleanText} to every service's JSON reader. */
@Singleton
public class CleanTextModule implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("devhealth-clean-text")
                .addDeserializer(String.class, new CleanStringDeserializer(false, false)));
    }

    /** Strings as Jackson reads them, checked and stripped when the declaring type is {@link CleanText}. */
    static final class CleanStringDeserializer extends StdScalarDeserializer<String> implements ContextualDeserializer {

        private static final long serialVersionUID = 1L;

        private final boolean clean;
        private final boolean verbatim;

        CleanStringDeserializer(boolean clean, boolean verbatim) {
            super(String.class);
            this.clean = clean;
            this.verbatim = verbatim;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            if (property == null || property.getMember() == null) {
                return this;
            }
            boolean cleanType = property.getMember().getDeclaringClass().isAnnotationPresent(CleanText.class);
            boolean keep = property.getAnnotation(Verbatim.class) != null;
            return cleanType == clean && keep == verbatim ? this : new CleanStringDeserializer(cleanType, keep);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (!clean || value == null) {
                return value;
            }
            String problem = Text.problem(value).orElse(null);
            if (problem != null) {
                throw new UnacceptableTextException(parser, problem);
            }
            return verbatim ? value : Text.strip(value);
        }
    }
}
