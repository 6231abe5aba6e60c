package dev.temppic.upload.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParametersTest {

    @Test
    void decodesNamesAndValues() throws Exception {
        QueryParameters parameters = QueryParameters.parse("expiresIn=PT1H&max%56iews=5&note=a+b%20c&flag");

        assertThat(parameters.get("expiresIn")).containsExactly("PT1H");
        assertThat(parameters.get("maxViews")).containsExactly("5");
        assertThat(parameters.get("note")).containsExactly("a b c");
        assertThat(parameters.get("flag")).containsExactly("");
        assertThat(parameters.get("absent")).isNull();
    }

    @Test
    void keepsRepeatedValues() throws Exception {
        assertThat(QueryParameters.parse("maxViews=1&&maxViews=2").get("maxViews")).containsExactly("1", "2");
    }

    @Test
    void nullQueryHasNoParameters() throws Exception {
        assertThat(QueryParameters.parse(null).get("expiresIn")).isNull();
    }

    @Test
    void invalidEncodingRejected() {
        assertThatThrownBy(() -> QueryParameters.parse("expiresIn=%zz"))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("not valid percent-encoding near '%zz'");
    }
}
