package io.devhealth.support.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class TextTests {

    private final ObjectMapper json = mapper();

    @CleanText
    record Named(String name, @Verbatim String password) {
    }

    record Data(String title) {
    }

    @Test
    void stripsEveryUnicodeWhiteSpaceCharacter() {
        assertThat(Text.strip("\u00a0\u2003\u3000 Acme\u202f\u0085\t\n")).isEqualTo("Acme");
        assertThat(Text.strip("\u2000\u2001\u205f\u3000")).isEmpty();
        assertThat(Text.strip("in\u00a0side")).isEqualTo("in\u00a0side");
        assertThat(Text.strip(null)).isNull();
    }

    @Test
    void refusesNulAndUnpairedSurrogates() {
        assertThat(Text.problem("a\u0000b")).contains("must not contain NUL characters");
        assertThat(Text.problem("a\ud800")).contains("must not contain unpaired UTF-16 surrogates");
        assertThat(Text.problem("\udc00a")).contains("must not contain unpaired UTF-16 surrogates");
        assertThat(Text.problem("emoji \ud83d\ude00 ok")).isEmpty();
        assertThat(Text.problem(null)).isEmpty();
    }

    @Test
    void cleanTextRecordsAreStrippedExceptVerbatimComponents() throws Exception {
        Named named = json.readValue("{\"name\":\"\\u3000Acme \",\"password\":\" secret \"}", Named.class);
        assertThat(named.name()).isEqualTo("Acme");
        assertThat(named.password()).isEqualTo(" secret ");
    }

    @Test
    void cleanTextRecordsRefuseNulNamingTheField() {
        assertThatThrownBy(() -> json.readValue("{\"name\":\"a\\u0000\"}", Named.class))
                .isInstanceOfSatisfying(UnacceptableTextException.class, e -> {
                    assertThat(e.getOriginalMessage()).isEqualTo("must not contain NUL characters");
                    assertThat(e.getPath()).singleElement().satisfies(ref -> assertThat(ref.getFieldName()).isEqualTo("name"));
                });
        assertThatThrownBy(() -> json.readValue("{\"password\":\"\\ud800\"}", Named.class))
                .isInstanceOf(UnacceptableTextException.class);
    }

    @Test
    void otherTypesAreReadAsSent() throws Exception {
        assertThat(json.readValue("{\"title\":\" a\\u0000 \"}", Data.class).title()).isEqualTo(" a\u0000 ");
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new CleanTextModule().customize(mapper);
        return mapper;
    }
}
