package io.railside.security;

import java.time.Instant;
import java.util.List;

import io.railside.security.TokenVerifier.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * How the verifier turns Spring Security's decoding outcomes into Railside's codes: the
 * user on success, {@code auth.missing}, {@code auth.expired} or {@code auth.invalid}
 * otherwise, and nobody refused in open mode.
 */
class TokenVerifierTests {

	private final JwtDecoder decoder = mock(JwtDecoder.class);

	private final TokenVerifier verifier = new TokenVerifier(this.decoder);

	@Test
	void whenTokenDecodesThenItsSubjectIsTheUser() {
		Instant expiresAt = Instant.now().plusSeconds(300);
		given(this.decoder.decode("good")).willReturn(jwt("alice", expiresAt));
		Verification verification = this.verifier.verify("good");
		assertThat(verification.rejection()).isNull();
		assertThat(verification.user()).isNotNull();
		assertThat(verification.user().getName()).isEqualTo("alice");
		assertThat(verification.user().isAuthenticated()).isTrue();
		assertThat(verification.expiresAt()).isEqualTo(expiresAt);
	}

	@Test
	void theUserKeepsTheClaimsButNotTheToken() {
		Jwt decoded = Jwt.withTokenValue("header.payload.signature")
			.header("alg", "HS256")
			.subject("alice")
			.expiresAt(Instant.now().plusSeconds(300))
			.build();
		given(this.decoder.decode("header.payload.signature")).willReturn(decoded);
		Verification verification = this.verifier.verify("header.payload.signature");
		assertThat(verification.user().getToken().getTokenValue()).doesNotContain("signature");
		assertThat(String.valueOf(verification.user().getCredentials())).doesNotContain("signature");
		assertThat(verification.user().getToken().getSubject()).isEqualTo("alice");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "  " })
	void whenTokenMissingThenAuthMissingWithoutAskingTheDecoder(String token) {
		assertThat(this.verifier.verify(token).rejection()).extracting("code").isEqualTo("auth.missing");
		then(this.decoder).should(never()).decode(token);
	}

	@Test
	void whenTokenExpiredThenAuthExpired() {
		given(this.decoder.decode("old")).willThrow(invalid("Jwt expired at 2020-01-01T00:00:00Z"));
		assertThat(this.verifier.verify("old").rejection()).extracting("code").isEqualTo("auth.expired");
	}

	@ParameterizedTest
	@ValueSource(strings = { "exp is required", "Jwt used before 2999-01-01T00:00:00Z", "The sub claim is not valid",
			"The iss claim is not valid", "The aud claim is not valid" })
	void whenAnyOtherClaimFailsThenAuthInvalid(String description) {
		given(this.decoder.decode("bad")).willThrow(invalid(description));
		assertThat(this.verifier.verify("bad").rejection()).extracting("code").isEqualTo("auth.invalid");
	}

	@Test
	void whenTokenDoesNotParseOrVerifyThenAuthInvalid() {
		given(this.decoder.decode("garbage")).willThrow(new BadJwtException("Invalid JWT serialization"));
		assertThat(this.verifier.verify("garbage").rejection()).extracting("code").isEqualTo("auth.invalid");
	}

	@Test
	void whenKeysCannotBeFetchedThenAuthInvalidSayingSoWithoutDetail() {
		given(this.decoder.decode("token")).willThrow(new JwtException("Couldn't retrieve remote JWK set"));
		Verification verification = this.verifier.verify("token");
		assertThat(verification.rejection()).isNotNull();
		assertThat(verification.rejection().code()).isEqualTo("auth.invalid");
		assertThat(verification.rejection().sentence()).doesNotContain("JWK", "retrieve");
	}

	@Test
	void whenOpenThenEveryoneIsLetInAnonymously() {
		TokenVerifier open = new TokenVerifier(null);
		assertThat(open.isOpen()).isTrue();
		assertThat(open.verify(null)).isEqualTo(Verification.anonymous());
		assertThat(open.verify("anything")).isEqualTo(Verification.anonymous());
	}

	@Test
	void rejectionSentencesAreOneSentenceWithoutTheToken() {
		given(this.decoder.decode("secret-token-text")).willThrow(new BadJwtException("secret-token-text"));
		assertThat(List.of(this.verifier.verify("secret-token-text").rejection().sentence(),
				this.verifier.verify(null).rejection().sentence(), TokenVerifier.expired().sentence()))
			.allSatisfy(
					(sentence) -> assertThat(sentence).endsWith(".").doesNotContain("secret-token-text", "\n", ". "));
	}

	private static Jwt jwt(String subject, Instant expiresAt) {
		return Jwt.withTokenValue("token")
			.header("alg", "HS256")
			.subject(subject)
			.issuedAt(expiresAt.minusSeconds(600))
			.expiresAt(expiresAt)
			.build();
	}

	private static JwtValidationException invalid(String description) {
		return new JwtValidationException(description,
				List.of(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null)));
	}

}
