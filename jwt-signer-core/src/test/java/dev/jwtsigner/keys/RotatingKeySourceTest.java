package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import java.security.PrivateKey;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RotatingKeySourceTest {

  static final KeySource RSA = KeySource.fromPemText(TestKeys.pem("rsa2048.pem"));
  static final KeySource EC = KeySource.fromPemText(TestKeys.pem("p521.pem"));

  private final RotatingKeySource rotating = RotatingKeySource.builder().key("key_1", RSA).key("key_2", EC).active("key_1").build();

  @Test
  void signsWithTheActiveKeyUnderItsOwnKid() {
    assertThat(rotating.signingKey()).hasToString("SigningKey[RSA 2048 bits, kid=key_1]");
    assertThat(rotating.signingKey().privateKey()).isEqualTo(RSA.signingKey().privateKey());
    rotating.activate("key_2");
    assertThat(rotating.signingKey()).hasToString("SigningKey[EC P-521, kid=key_2]");
    assertThat(rotating.signingKey().privateKey()).isEqualTo(EC.signingKey().privateKey());
    assertThat(rotating.activeKeyId()).isEqualTo("key_2");
    assertThat(rotating).hasToString("RotatingKeySource[keys=[key_1, key_2], active=key_2]");
  }

  @Test
  void returnsTheSameKeyInstanceUntilItRotates() {
    SigningKey first = rotating.signingKey();
    assertThat(rotating.signingKey()).isSameAs(first);
    rotating.activate("key_2");
    rotating.activate("key_1");
    assertThat(rotating.signingKey()).isSameAs(first);
  }

  @Test
  void activatesTheFirstKeyByDefault() {
    RotatingKeySource source = RotatingKeySource.builder().key("b", EC).key("a", RSA).build();
    assertThat(source.activeKeyId()).isEqualTo("b");
    assertThat(source.keyIds()).containsExactly("b", "a");
  }

  @Test
  void neverPairsAKidWithAnotherKeyWhileRotating() throws Exception {
    Map<String, PrivateKey> expected = Map.of("key_1", RSA.signingKey().privateKey(), "key_2", EC.signingKey().privateKey());
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> reader = pool.submit(() -> {
        int checked = 0;
        while (!stop.get() || checked < 1000) {
          SigningKey key = rotating.signingKey();
          assertThat(key.privateKey()).isEqualTo(expected.get(key.keyId().orElseThrow()));
          checked++;
        }
        return checked;
      });
      for (int i = 0; i < 10_000; i++) {
        rotating.activate(i % 2 == 0 ? "key_2" : "key_1");
      }
      stop.set(true);
      assertThat(reader.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1000);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectsAnUnknownKid() {
    assertRejected(() -> rotating.activate("key_3"), Reason.KEY_ID_INVALID,
        "kid \"key_3\" is not one of this source's keys [key_1, key_2]. Fix: use one of those kids, or add the key with"
            + " RotatingKeySource.builder().key(kid, source).");
    assertThat(rotating.activeKeyId()).isEqualTo("key_1");
  }

  @Test
  void rejectsAnUnknownActiveKidWhenBuilt() {
    RotatingKeySource.Builder builder = RotatingKeySource.builder().key("key_1", RSA).active("key_9");
    assertRejected(builder::build, Reason.KEY_ID_INVALID,
        "kid \"key_9\" is not one of this source's keys [key_1]. Fix: use one of those kids, or add the key with"
            + " RotatingKeySource.builder().key(kid, source).");
  }

  @Test
  void rejectsADuplicateKid() {
    RotatingKeySource.Builder builder = RotatingKeySource.builder().key("key_1", RSA);
    assertRejected(() -> builder.key("key_1", EC), Reason.KEY_ID_INVALID,
        "kid \"key_1\" was added twice. Fix: give each key its own kid.");
  }

  @Test
  void rejectsASourceThatAlreadyNamesItsKeyOtherwise() {
    assertRejected(() -> RotatingKeySource.builder().key("key_1", RSA.withKeyId("old")), Reason.KEY_ID_INVALID,
        "the source added as kid \"key_1\" already gives its key kid \"old\". Fix: add it under \"old\", or drop its withKeyId.");
  }

  @Test
  void rejectsNoKeys() {
    assertRejected(() -> RotatingKeySource.builder().build(), Reason.INVALID_ARGUMENT,
        "a rotating source needs at least one key. Fix: add keys with .key(\"key_1\", KeySource.fromPem(path)).");
  }

  @Test
  void rejectsRenamingItsKeys() {
    assertRejected(() -> rotating.withKeyId("other"), Reason.KEY_ID_INVALID,
        "a rotating source names each of its keys itself, so withKeyId cannot rename them."
            + " Fix: give each key its kid with RotatingKeySource.builder().key(kid, source).");
  }

  @Test
  void buildersAreImmutable() {
    RotatingKeySource.Builder one = RotatingKeySource.builder().key("key_1", RSA);
    RotatingKeySource.Builder two = one.key("key_2", EC);
    assertThat(one.build().keyIds()).containsExactly("key_1");
    assertThat(two.build().keyIds()).containsExactly("key_1", "key_2");
  }

  private static void assertRejected(ThrowingCallable call, Reason reason, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }
}
