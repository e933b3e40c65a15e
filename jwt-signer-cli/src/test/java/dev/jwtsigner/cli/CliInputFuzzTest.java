package dev.jwtsigner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.fuzz.FuzzInput;
import dev.jwtsigner.fuzz.FuzzedPem;
import dev.jwtsigner.testkit.FakeKeyPair;
import dev.jwtsigner.testkit.FakeKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes what the commands do with a token argument and a key text, in-process as a user would type them
 * ({@link Cli}): {@code inspect}, {@code verify atomic} and {@code verify payload} with a real token spliced by
 * the input (or raw text), {@code verify atomic} with a fuzzed trusted key or JWKS, and {@code keys inspect},
 * {@code keys convert} and {@code sign atomic} with a fuzzed private or public key text ({@link FuzzedPem}) on
 * standard input and a fuzzed passphrase in an environment variable. Invariants: the exit code is 0, 1 or 2;
 * nothing fails with an unexpected exception ("failed with"); no output shows a fuzzed passphrase, and standard
 * error shows no base64 line of the key text and no claim value ({@link #MARK} starts the tokens' claims).
 */
class CliInputFuzzTest {

  /** Starts the tokens' claim values; standard error that shows it quotes the token. */
  static final String MARK = "\u2604";
  private static final FakeKeyPair RSA = FakeKeys.rsa2048();
  private static final String ATOMIC = AtomicTokenBuilder.create(RSA.keySource())
      .clock(InstantSource.fixed(Cli.NOW.minusSeconds(600))).subject(MARK + "user-1").issuer(MARK + "backend")
      .expiresIn(Duration.ofHours(3)).sign();
  private static final String PAYLOAD = SignedPayloadBuilder.create(RSA.keySource()).keyId("key_1")
      .clock(InstantSource.fixed(Cli.NOW.minusSeconds(60))).expiresIn(Duration.ofMinutes(5))
      .payload("{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"email\",\"email\":\"" + MARK + "a@b.example\"}]}}")
      .sign();
  private static final List<String> TOKENS = List.of(ATOMIC, PAYLOAD);
  private static final List<String> FORMS = List.of("spki", "pkcs1", "jwk", "jwks", "openssh");
  /** An empty folder to run in, so that no fuzzed TOKEN names a file of ours. */
  private static final Path FOLDER = emptyFolder();

  @Tag("fuzz")
  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] input) {
    exitsWithAStatusAndShowsNoSecret(input);
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource
  void replaysSavedInputs(String name, byte[] input) {
    exitsWithAStatusAndShowsNoSecret(input);
  }

  static Stream<Arguments> replaysSavedInputs() {
    return FuzzInput.saved(CliInputFuzzTest.class, "fuzz");
  }

  private static void exitsWithAStatusAndShowsNoSecret(byte[] input) {
    FuzzInput data = new FuzzInput(input);
    int command = data.below(7);
    Cli cli = Cli.cli().in(FOLDER);
    List<String> args = new ArrayList<>();
    if (data.nextBoolean()) {
      args.add("--json");
    }
    String keyText = "";
    if (command <= 2) {
      String token = data.below(4) == 0 ? data.restAsText() : data.splice(TOKENS.get(data.below(2)), 48);
      switch (command) {
        case 0 -> args.addAll(List.of("inspect", token, "--platform", data.nextBoolean() ? "atomic" : "apto"));
        case 1 -> args.addAll(List.of("verify", "atomic", token, "--trust", "-"));
        default -> args.addAll(List.of("verify", "payload", token, "--trust", "key_1=-"));
      }
      cli.stdin(RSA.publicKeyPem());
    } else {
      char[] passphrase = command == 3 ? null : FuzzedPem.passphrase(data);
      keyText = command == 3 && data.nextBoolean() ? data.splice(RSA.jwks(), 64) : FuzzedPem.next(data);
      cli.stdin(keyText);
      switch (command) {
        case 3 -> args.addAll(List.of("verify", "atomic", ATOMIC, "--trust", "-"));
        case 4 -> args.addAll(List.of("keys", "inspect", "-"));
        case 5 -> args.addAll(List.of("keys", "convert", "-", "--to", FORMS.get(data.below(FORMS.size()))));
        default -> args.addAll(List.of("sign", "atomic", "--key", "-", "--sub", "user-1"));
      }
      if (passphrase != null) {
        cli.env("PW", new String(passphrase));
        args.addAll(List.of("--passphrase-env", "PW"));
      }
    }
    Cli.Result r = cli.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.toString()).isBetween(0, 2);
    assertThat(r.err()).as(r.toString()).doesNotContain("failed with").doesNotContain(MARK);
    assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(FuzzedPem.MARKER);
    if (!r.err().isBlank()) {
      FuzzedPem.assertNoKeyMaterial(r.err(), keyText);
    }
  }

  private static Path emptyFolder() {
    try {
      Path folder = Files.createTempDirectory("cli-fuzz");
      folder.toFile().deleteOnExit();
      return folder;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
