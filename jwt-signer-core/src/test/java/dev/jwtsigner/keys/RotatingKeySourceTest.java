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
  void acceptsASourceThatAlreadyNamesItsKeyTheSame() {
    RotatingKeySource source = RotatingKeySource.builder().key("key_1", RSA.withKeyId("key_1")).build();

    assertThat(source.signingKey().keyId()).contains("key_1");
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

  @Test
  void walksNextActiveRetiringAndRefusesEachStepEarly() {
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    RotatingKeySource keys = RotatingKeySource.builder().key("key_1", RSA)
        .publishLead(java.time.Duration.ofMinutes(10)).retention(java.time.Duration.ofDays(7)).clock(now::get).build();

    keys.publish("key_2", EC);
    assertThat(keys.state("key_2")).isEqualTo(RotatingKeySource.KeyState.NEXT);
    assertThat(keys.signingKey().keyId()).contains("key_1");
    now.set(now.get().plusSeconds(60));
    assertRejected(() -> keys.activate("key_2"), Reason.KEY_ID_INVALID,
        "kid \"key_2\" was published PT1M ago; a platform may still serve its cached JWKS without it for PT10M (publishLead)."
            + " Fix: activate it in PT9M or later, once every platform has fetched the JWKS that lists it.");

    now.set(now.get().plusSeconds(540));
    keys.activate("key_2");
    assertThat(keys.signingKey().keyId()).contains("key_2");
    assertThat(keys.state("key_1")).isEqualTo(RotatingKeySource.KeyState.RETIRING);
    assertRejected(() -> keys.remove("key_2"), Reason.KEY_ID_INVALID,
        "kid \"key_2\" is the active key; removing it would leave nothing to sign with. Fix: activate another key first,"
            + " and remove this one after the retention.");
    now.set(now.get().plus(java.time.Duration.ofDays(6)));
    assertRejected(() -> keys.remove("key_1"), Reason.KEY_ID_INVALID,
        "kid \"key_1\" stopped signing PT144H ago; tokens it signed may live PT168H (retention), and the platform refuses"
            + " them once the key leaves the JWKS. Fix: remove it in PT24H or later.");

    now.set(now.get().plus(java.time.Duration.ofDays(1)));
    keys.remove("key_1");
    assertThat(keys.keyIds()).containsExactly("key_2");
  }

  @Test
  void removesANextKeyThatNeverSignedAtOnce() {
    RotatingKeySource keys = RotatingKeySource.builder().key("key_1", RSA).retention(java.time.Duration.ofDays(7)).build();
    keys.publish("key_2", EC);
    keys.remove("key_2");
    assertThat(keys.keyIds()).containsExactly("key_1");
    assertRejected(() -> keys.publish("key_1", EC), Reason.KEY_ID_INVALID, "kid \"key_1\" was added twice. Fix: give each key its own kid.");
  }

  private static void assertRejected(ThrowingCallable call, Reason reason, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }
}
