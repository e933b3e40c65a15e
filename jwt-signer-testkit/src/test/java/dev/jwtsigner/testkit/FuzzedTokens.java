package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.internal.JoseSigner;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Tokens for the verifiers' fuzz targets, made from one raw fuzz input (so that Jazzer's saved findings replay
 * as plain tests): the input's text as a token, a token we signed with text spliced in, one of its three
 * parts replaced by the input's bytes, or claims spliced by the input and signed by us. The invariant: a
 * verifier accepts only what we signed. Saved inputs are read with {@link dev.jwtsigner.fuzz.FuzzInput#saved}.
 */
final class FuzzedTokens {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final List<String> signed;
  private final List<JoseSigner> signers;

  /**
   * @param signed tokens we signed, which the verifier accepts
   * @param signers signers of the verifier's trusted keys, for claims chosen by the input
   */
  FuzzedTokens(List<String> signed, List<JoseSigner> signers) {
    this.signed = List.copyOf(signed);
    this.signers = List.copyOf(signers);
  }

  /** A token for one run, and whether we signed its header and claims as they are. */
  record Token(String text, boolean signedByUs) {}

  Token next(byte[] input) {
    String seed = signed.get(at(input, 1) % signed.size());
    byte[] tail = Arrays.copyOfRange(input, Math.min(5, input.length), input.length);
    String text = new String(tail, StandardCharsets.UTF_8);
    switch (at(input, 0) % 4) {
      case 0:
        return new Token(text, false);
      case 1: {
        int from = (at(input, 2) << 8 | at(input, 3)) % (seed.length() + 1);
        int to = Math.min(seed.length(), from + at(input, 4));
        return new Token(seed.substring(0, from) + text + seed.substring(to), false);
      }
      case 2: {
        String[] parts = seed.split("\\.", -1);
        parts[at(input, 2) % 3] = BASE64URL.encodeToString(tail);
        return new Token(String.join(".", parts), false);
      }
      default: {
        String claims = new String(Base64.getUrlDecoder().decode(seed.split("\\.")[1]), StandardCharsets.UTF_8);
        int from = (at(input, 2) << 8 | at(input, 3)) % (claims.length() + 1);
        int to = Math.min(claims.length(), from + at(input, 4));
        try {
          return new Token(signers.get(at(input, 1) % signers.size())
              .sign(claims.substring(0, from) + text + claims.substring(to)), true);
        } catch (JwtSignerException e) {
          return new Token(seed, true);
        }
      }
    }
  }

  /**
   * Verifies the token made from {@code input}: {@code verifier} must return a consistent verdict, never throw,
   * and accept the token only if we signed what it says.
   */
  void verifyAcceptsOnlyWhatWeSigned(TokenVerifier verifier, byte[] input) {
    Token token = next(input);
    Verdict verdict = verifier.verify(token.text());
    assertThat(verdict.accepted()).isEqualTo(verdict.violations().isEmpty());
    assertThat(verdict.violations()).allSatisfy(v -> assertThat(v.toString()).isNotBlank());
    if (verdict.accepted() && !token.signedByUs()) {
      assertThat(signingInput(token.text())).isIn(signed.stream().map(FuzzedTokens::signingInput).toList());
    }
  }

  private static String signingInput(String token) {
    int second = token.indexOf('.', token.indexOf('.') + 1);
    return second < 0 ? token : token.substring(0, second);
  }

  private static int at(byte[] input, int index) {
    return index < input.length ? input[index] & 0xff : 0;
  }
}
