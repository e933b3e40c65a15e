package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingKeySourceTest {

  @TempDir
  Path dir;

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final InstantSource clock = now::get;
  private final List<KeyRejectedException> errors = new ArrayList<>();
  private Path file;
  private int version;

  @BeforeEach
  void writeFirstKey() throws Exception {
    file = dir.resolve("private.pem");
    replace("rsa2048.pem");
  }

  @Test
  void keepsTheKeyUntilTheFileChanges() {
    ReloadingKeySource source = ReloadingKeySource.of(file, Duration.ofSeconds(10), clock);
    SigningKey first = source.signingKey();
    assertThat(first).hasToString("SigningKey[RSA 2048 bits]");
    advance(Duration.ofMinutes(5));
    assertThat(source.signingKey()).isSameAs(first);
    assertThat(source.lastError()).isEmpty();
  }

  @Test
  void readsTheNewKeyAtTheFirstCallAfterTheInterval() throws Exception {
    ReloadingKeySource source = ReloadingKeySource.builder(file).keyId("key_1").checkInterval(Duration.ofSeconds(10)).clock(clock).build();
    replace("p521.pem");
    advance(Duration.ofSeconds(9));
    assertThat(source.signingKey()).as("not checked before the interval").hasToString("SigningKey[RSA 2048 bits, kid=key_1]");
    advance(Duration.ofSeconds(1));
    assertThat(source.signingKey()).hasToString("SigningKey[EC P-521, kid=key_1]");
  }

  @Test
  void anotherThreadReadsTheNewKeyAfterTheFirstThreadChecked() throws Exception {
    ReloadingKeySource source = ReloadingKeySource.of(file, Duration.ofSeconds(10), clock);
    advance(Duration.ofSeconds(10));
    assertThat(source.signingKey()).as("checked on this thread").hasToString("SigningKey[RSA 2048 bits]");
    replace("p521.pem");
    advance(Duration.ofSeconds(10));

    AtomicReference<String> seen = new AtomicReference<>();
    Thread other = new Thread(() -> seen.set(source.signingKey().toString()));
    other.start();
    other.join(10_000);

    assertThat(seen).hasValue("SigningKey[EC P-521]");
  }

  @Test
  void keepsTheLastGoodKeyAndReportsABadNewFileOnce() throws Exception {
    ReloadingKeySource source = ReloadingKeySource.builder(file).checkInterval(Duration.ofSeconds(1)).clock(clock)
        .onError(errors::add).build();
    SigningKey good = source.signingKey();
    replace("rsa1024.pem");
    advance(Duration.ofSeconds(1));
    assertThat(source.signingKey()).isSameAs(good);
    advance(Duration.ofSeconds(1));
    assertThat(source.signingKey()).isSameAs(good);
    assertThat(errors).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TOO_SHORT));
    assertThat(source.lastError()).containsSame(errors.get(0));
    assertThat(source).hasToString("ReloadingKeySource[" + file + ", SigningKey[RSA 2048 bits], last reload refused]");

    replace("p521.pem");
    advance(Duration.ofSeconds(1));
    assertThat(source.signingKey()).hasToString("SigningKey[EC P-521]");
    assertThat(source.lastError()).isEmpty();
  }

  @Test
  void keepsTheKeyWhenTheFileDisappears() throws Exception {
    ReloadingKeySource source = ReloadingKeySource.builder(file).checkInterval(Duration.ofSeconds(1)).clock(clock)
        .onError(errors::add).build();
    Files.delete(file);
    advance(Duration.ofSeconds(1));
    assertThat(source.signingKey()).hasToString("SigningKey[RSA 2048 bits]");
    assertThat(source.lastError()).hasValueSatisfying(e -> {
      assertThat(e.reason()).isEqualTo(Reason.KEY_FILE_UNREADABLE);
      assertThat(e).hasMessage("key file " + file + " has disappeared; still signing with the key read before."
          + " Fix: put the key file back, or replace it in one step (write a new file, then rename it).");
    });
    advance(Duration.ofSeconds(1));
    source.signingKey();
    assertThat(errors).hasSize(1);
  }

  @Test
  void aFailingListenerNeverFailsARequest() throws Exception {
    ReloadingKeySource source = ReloadingKeySource.builder(file).checkInterval(Duration.ZERO).clock(clock)
        .onError(e -> {
          throw new IllegalStateException("listener broke");
        }).build();
    replace("ed25519.pem");
    assertThat(source.signingKey()).hasToString("SigningKey[RSA 2048 bits]");
    assertThat(source.lastError()).hasValueSatisfying(e -> {
      assertThat(e.reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED);
      assertThat(e.getSuppressed()).singleElement().hasToString("java.lang.IllegalStateException: listener broke");
    });
  }

  @Test
  void decryptsEachVersionWithThePassphrase() throws Exception {
    replace("rsa2048.encrypted.pem");
    ReloadingKeySource source = ReloadingKeySource.builder(file).passphrase(KeySourceTest.PASS.toCharArray())
        .checkInterval(Duration.ZERO).clock(clock).build();
    replace("p521.openssh-encrypted");
    assertThat(source.signingKey()).hasToString("SigningKey[EC P-521]");
  }

  @Test
  void refusesAnUnusableFileWhenCreated() throws Exception {
    replace("rsa2048.pub.pem");
    assertThatThrownBy(() -> KeySource.watching(file))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_PRIVATE))
        .hasMessageStartingWith("key file " + file + " holds only a public key or certificate;");
  }

  @Test
  void watchingChecksEveryTenSecondsByDefault() {
    assertThat(KeySource.watching(file).file()).isEqualTo(file);
    assertThat(ReloadingKeySource.DEFAULT_CHECK_INTERVAL).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void refusesANegativeInterval() {
    assertThatThrownBy(() -> ReloadingKeySource.builder(file).checkInterval(Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("checkInterval is PT-1S. Fix: pass zero or a positive Duration, such as Duration.ofSeconds(10).");
  }

  private void advance(Duration duration) {
    now.updateAndGet(t -> t.plus(duration));
  }

  /** Writes a resource over the file with a new modification time, as a secret manager would. */
  private void replace(String resource) throws Exception {
    Files.writeString(file, TestKeys.pem(resource));
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(++version)));
  }
}
