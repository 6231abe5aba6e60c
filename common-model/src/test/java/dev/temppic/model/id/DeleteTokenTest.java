package dev.temppic.model.id;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeleteTokenTest {

    @Test
    void tokenCarries256BitsAndMatchesItsHash() {
        DeleteToken token = DeleteToken.random();

        assertThat(token.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(token.hash()).hasSize(64).matches("[0-9a-f]+");
        assertThat(DeleteToken.matches(token.value(), token.hash())).isTrue();
    }

    @Test
    void otherTokensAndNullsDoNotMatch() {
        DeleteToken token = DeleteToken.random();

        assertThat(DeleteToken.matches(DeleteToken.random().value(), token.hash())).isFalse();
        assertThat(DeleteToken.matches(token.value() + "x", token.hash())).isFalse();
        assertThat(DeleteToken.matches(null, token.hash())).isFalse();
        assertThat(DeleteToken.matches(token.value(), null)).isFalse();
        assertThat(DeleteToken.matches("", token.hash())).isFalse();
    }

    @Test
    void toStringHidesTheSecret() {
        DeleteToken token = DeleteToken.random();

        assertThat(token.toString()).doesNotContain(token.value());
    }
}
