package dev.jwtsigner.keys;

import static dev.jwtsigner.catalogue.BadInput.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.catalogue.BadInput;
import dev.jwtsigner.catalogue.LeakWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of {@link ReloadingKeySource}: every builder setting with hostile values, files that
 * cannot serve when the source is built, and a good file that later turns bad — which never fails a request:
 * the old key keeps signing and {@code lastError()} holds the typed rejection.
 */
class ReloadingKeySourceBadInputTest {

  static final String RSA = TestKeys.pem("rsa2048.pem");
  static final String P521 = TestKeys.pem("p521.pem");
  static final String ENCRYPTED = TestKeys.pem("rsa2048.encrypted.pem");

  @RegisterExtension
  static final LeakWatch LEAKS = LeakWatch.forbidding()
      .key("rsa2048", KeySource.fromPemText(RSA).signingKey().privateKey())
      .key("p521", KeySource.fromPemText(P521).signingKey().privateKey())
      .pem("rsa2048.pem", RSA).pem("p521.pem", P521).pem("rsa2048.encrypted.pem", ENCRYPTED);

  @TempDir
  static Path dir;

  static Stream<Arguments> files() {
    return Stream.of(
        file("null path", d -> null, Reason.INVALID_ARGUMENT, "file is null."),
        file("missing file", d -> d.resolve("missing.pem"), Reason.KEY_FILE_UNREADABLE, "key file {} does not exist"),
        file("directory", d -> d, Reason.KEY_FILE_UNREADABLE, "key file {} is a directory."),
        file("endless device (/dev/zero)", d -> Path.of("/dev/zero"), Reason.KEY_FILE_UNREADABLE, "key file {} is not a regular file."),
        file("empty file", d -> write(d, ""), Reason.KEY_MALFORMED, "key file {} is empty;"),
        file("10 MB file", d -> write(d, BadInput.TEN_MB), Reason.KEY_MALFORMED, "key file {} is larger than 1048576 bytes"),
        file("binary garbage file", d -> write(d, BadInput.BINARY), Reason.KEY_MALFORMED, "key file {} is binary, not PEM text"),
        file("truncated PEM file", d -> write(d, BadInput.truncatedPem(RSA)), Reason.KEY_MALFORMED,
            "key file {} holds a garbled or truncated PEM block."),
        file("public key file", d -> write(d, TestKeys.pem("rsa2048.pub.pem")), Reason.KEY_NOT_PRIVATE,
            "key file {} holds only a public key"),
        file("encrypted key file without passphrase", d -> write(d, ENCRYPTED), Reason.KEY_PASSPHRASE_REQUIRED,
            "key file {} holds an encrypted private key"),
        file("file name of control characters", d -> d.resolve("key\u0001\u001b[2J.pem"), Reason.KEY_FILE_UNREADABLE, "key file "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void buildRejectsFile(Function<Path, Path> make, Reason reason, String messageStart) {
    Path file = make.apply(dir);
    rejected(() -> ReloadingKeySource.builder(file).build(), reason,
        messageStart.replace("{}", dev.jwtsigner.internal.SafeText.of(file)));
  }

  static Stream<Arguments> settings() {
    return Stream.of(
        setting("null check interval", b -> b.checkInterval(null), Reason.INVALID_ARGUMENT, "checkInterval is null."),
        setting("negative check interval", b -> b.checkInterval(Duration.ofSeconds(-1)), Reason.INVALID_ARGUMENT,
            "checkInterval is PT-1S."),
        setting("most negative check interval", b -> b.checkInterval(Duration.ofSeconds(Long.MIN_VALUE)), Reason.INVALID_ARGUMENT,
            "checkInterval is PT-2562047788015215H-30M-8S."),
        setting("null clock", b -> b.clock(null), Reason.INVALID_ARGUMENT, "clock is null."),
        setting("null listener", b -> b.onError(null), Reason.INVALID_ARGUMENT, "onError is null."),
        setting("null kid", b -> b.keyId(null), Reason.KEY_ID_INVALID, "kid is null."),
        setting("blank kid", b -> b.keyId(" \t"), Reason.KEY_ID_INVALID, "kid is blank."),
        setting("10 MB kid", b -> b.keyId(BadInput.TEN_MB), Reason.KEY_ID_INVALID, "kid has 10485760 characters;"),
        setting("control-character kid", b -> b.keyId(BadInput.CONTROL), Reason.KEY_ID_INVALID, "kid holds a control character"),
        setting("lone-surrogate kid", b -> b.keyId(BadInput.LONE_SURROGATES), Reason.KEY_ID_INVALID,
            "kid holds a lone UTF-16 surrogate"),
        setting("withKeyId(null) on the built source", b -> b.keyId("key_1").build().withKeyId(null),
            Reason.KEY_ID_INVALID, "kid is null."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void builderRejects(Function<ReloadingKeySource.Builder, Object> configure, Reason reason, String messageStart) {
    ReloadingKeySource.Builder builder = ReloadingKeySource.builder(write(dir, RSA));
    rejected(() -> configure.apply(builder), reason, messageStart);
  }

  static Stream<Arguments> passphrases() {
    String wrong = "key file ";
    return Stream.of(
        row("null", null, Reason.KEY_PASSPHRASE_REQUIRED, wrong),
        row("sentinel (wrong) passphrase", LeakWatch.PASSPHRASE_SENTINEL.toCharArray(), Reason.KEY_PASSPHRASE_WRONG, wrong),
        row("10 MB passphrase", BadInput.TEN_MB.toCharArray(), Reason.KEY_PASSPHRASE_WRONG, wrong),
        row("control characters", BadInput.CONTROL.toCharArray(), Reason.KEY_PASSPHRASE_WRONG, wrong));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("passphrases")
  void buildRejectsPassphrase(char[] passphrase, Reason reason, String messageStart) {
    Path file = write(dir, ENCRYPTED);
    rejected(() -> ReloadingKeySource.builder(file).passphrase(passphrase).build(), reason,
        messageStart + file + " holds an encrypted private key");
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        change("deleted", f -> delete(f), Reason.KEY_FILE_UNREADABLE, "key file {} has disappeared;"),
        change("emptied", f -> write(f, ""), Reason.KEY_MALFORMED, "key file {} is empty;"),
        change("binary garbage", f -> write(f, BadInput.BINARY), Reason.KEY_MALFORMED, "key file {} is binary, not PEM text"),
        change("10 MB", f -> write(f, BadInput.TEN_MB), Reason.KEY_MALFORMED, "key file {} is larger than 1048576 bytes"),
        change("truncated PEM", f -> write(f, BadInput.truncatedPem(RSA)), Reason.KEY_MALFORMED,
            "key file {} holds a garbled or truncated PEM block."),
        change("a public key", f -> write(f, TestKeys.pem("rsa2048.pub.pem")), Reason.KEY_NOT_PRIVATE,
            "key file {} holds only a public key"),
        change("an RSA 1024 key", f -> write(f, TestKeys.pem("rsa1024.pem")), Reason.KEY_TOO_SHORT, "RSA key has 1024 bits;"),
        change("a directory", f -> directory(f), Reason.KEY_FILE_UNREADABLE, "key file {} is a directory."),
        change("a link to /dev/zero", f -> link(f, Path.of("/dev/zero")), Reason.KEY_FILE_UNREADABLE,
            "key file {} is not a regular file."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void keepsTheOldKeyWhenTheFileTurnsBad(UnaryOperator<Path> spoil, Reason reason, String messageStart) throws Exception {
    Path file = write(Files.createTempDirectory(dir, "reload"), P521);
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    InstantSource clock = now::get;
    ReloadingKeySource source = ReloadingKeySource.builder(file).checkInterval(Duration.ofSeconds(1)).clock(clock).build();
    SigningKey before = source.signingKey();
    spoil.apply(file);
    now.set(now.get().plusSeconds(2));
    rejected(() -> {
      assertThat(source.signingKey()).isSameAs(before);
      LeakWatch.record(source);
      throw source.lastError().orElseThrow();
    }, reason, messageStart.replace("{}", dev.jwtsigner.internal.SafeText.of(file)));
  }

  static Stream<Duration> intervals() {
    return Stream.of(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofMillis(Long.MAX_VALUE), Duration.ofDays(365_000));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("intervals")
  void hugeCheckIntervalNeverChecksAgain(Duration interval) throws Exception {
    Path file = write(Files.createTempDirectory(dir, "interval"), P521);
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    InstantSource clock = now::get;
    ReloadingKeySource source = ReloadingKeySource.of(file, interval, clock);
    SigningKey before = source.signingKey();
    write(file, BadInput.BINARY);
    now.set(now.get().plus(Duration.ofDays(36_500)));
    assertThat(source.signingKey()).isSameAs(before);
    assertThat(source.lastError()).isEmpty();
  }

  static Arguments row(String name, Object input, Reason reason, String messageStart) {
    return arguments(named(name, input), reason, messageStart);
  }

  private static Arguments file(String name, Function<Path, Path> make, Reason reason, String messageStart) {
    return row(name, make, reason, messageStart);
  }

  private static Arguments setting(String name, Function<ReloadingKeySource.Builder, Object> configure, Reason reason,
      String messageStart) {
    return row(name, configure, reason, messageStart);
  }

  private static Arguments change(String name, UnaryOperator<Path> spoil, Reason reason, String messageStart) {
    return row(name, spoil, reason, messageStart);
  }

  private static Path write(Path target, String text) {
    try {
      Path file = Files.isDirectory(target) ? Files.createTempFile(target, "key", ".pem") : target;
      Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), text, StandardCharsets.ISO_8859_1);
      return Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path delete(Path file) {
    try {
      Files.delete(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory(Path file) {
    return uncheckedCreate(delete(file), true, null);
  }

  private static Path link(Path file, Path target) {
    return uncheckedCreate(delete(file), false, target);
  }

  private static Path uncheckedCreate(Path path, boolean directory, Path linkTarget) {
    try {
      return directory ? Files.createDirectory(path) : Files.createSymbolicLink(path, linkTarget);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
