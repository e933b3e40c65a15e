package dev.jwtsigner.atomic;

import static dev.jwtsigner.atomic.SignedTokens.RSA;
import static dev.jwtsigner.atomic.SignedTokens.claimsJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.SigningKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AtomicTokenCacheTest {

  private final SettableInstantSource clock = SettableInstantSource.at("2026-01-01T00:00:00Z");
  private final AtomicInteger keyReads = new AtomicInteger();
  private final SigningKey key = RSA.signingKey();
  private final KeySource countingKeys = () -> {
    keyReads.incrementAndGet();
    return key;
  };
  private final AtomicTokenBuilder oneHour = AtomicTokenBuilder.create(countingKeys).clock(clock).expiresIn(Duration.ofHours(1));
  private final AtomicInteger mints = new AtomicInteger();
  private final UnaryOperator<AtomicTokenBuilder> counting = b -> {
    mints.incrementAndGet();
    return b.claim("n", mints.get());
  };

  @Test
  void returnsTheCachedTokenWithoutSigningAgain() {
    AtomicTokenCache cache = AtomicTokenCache.create(oneHour);
    String first = cache.tokenFor("u1");
    for (int i = 0; i < 1_000; i++) {
      assertThat(cache.tokenFor("u1")).isSameAs(first);
    }
    assertThat(keyReads).hasValue(1);
    assertThat(claimsJson(first, "rsa2048")).startsWith("{\"sub\":\"u1\",");
  }

  @Test
  void mintsANewTokenOnceWithinTheSdkIntervalPlusMarginOfExpiry() {
    AtomicTokenCache cache = AtomicTokenCache.create(oneHour); // refresh when 60 s + 300 s or less are left
    String first = cache.tokenFor("u1", counting);
    clock.advance(Duration.ofSeconds(3600 - 361));
    assertThat(cache.tokenFor("u1", counting)).isSameAs(first);
    clock.advance(Duration.ofSeconds(1));
    String second = cache.tokenFor("u1", counting);
    assertThat(second).isNotEqualTo(first);
    assertThat(mints).hasValue(2);
    assertThat(cache.tokenFor("u1", counting)).isSameAs(second);
  }

  @Test
  void neverHandsOutATokenTheSdkWouldTreatAsExpired() {
    AtomicTokenCache cache = AtomicTokenCache.builder(oneHour).refreshMargin(Duration.ZERO).build();
    String first = cache.tokenFor("u1", counting);
    clock.advance(Duration.ofSeconds(3600 - 61));
    assertThat(cache.tokenFor("u1", counting)).isSameAs(first);
    clock.advance(Duration.ofMillis(1000)); // exactly the SDK interval left: the SDK would ask again at once
    assertThat(cache.tokenFor("u1", counting)).isNotEqualTo(first);
    assertThat(mints).hasValue(2);
  }

  @Test
  void followsAPolicyWithALongerSdkInterval() {
    AtomicPolicy tenMinutes = AtomicPolicy.builder().sdkExpiryInterval(Duration.ofMinutes(10)).build();
    AtomicTokenCache cache = AtomicTokenCache.builder(oneHour.policy(tenMinutes)).refreshMargin(Duration.ZERO).build();
    cache.tokenFor("u1", counting);
    clock.advance(Duration.ofMinutes(50));
    cache.tokenFor("u1", counting);
    assertThat(mints).hasValue(2);
  }

  @Test
  void keepsOneTokenPerUser() {
    AtomicTokenCache cache = AtomicTokenCache.create(oneHour);
    String a = cache.tokenFor("alice");
    String b = cache.tokenFor("bob");
    assertThat(claimsJson(a, "rsa2048")).startsWith("{\"sub\":\"alice\",");
    assertThat(claimsJson(b, "rsa2048")).startsWith("{\"sub\":\"bob\",");
    assertThat(cache.tokenFor("alice")).isSameAs(a);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void runsTheCustomizerOnlyWhenMinting() {
    AtomicTokenCache cache = AtomicTokenCache.create(oneHour);
    String token = cache.tokenFor("u1", b -> b.email("a@example.com").customField("tier", "gold"));
    assertThat(claimsJson(token, "rsa2048")).endsWith("\"email\":\"a@example.com\",\"tier\":\"gold\"}");
    cache.tokenFor("u1", counting);
    assertThat(mints).hasValue(0);
  }

  @Test
  void writesTheUserIdAsAtomicSubWhenConfigured() {
    AtomicTokenCache cache = AtomicTokenCache.builder(oneHour.subject("crm-42")).userIdClaim("atomic_sub").build();
    assertThat(claimsJson(cache.tokenFor("u1"), "rsa2048")).startsWith("{\"sub\":\"crm-42\",\"atomic_sub\":\"u1\",");
  }

  @Test
  void dropsTheLeastRecentlyUsedUsersBeyondItsMaximumSize() {
    AtomicTokenCache cache = AtomicTokenCache.builder(oneHour).maximumSize(3).build();
    for (String user : List.of("u1", "u2", "u3")) {
      cache.tokenFor(user, counting);
      clock.advance(Duration.ofSeconds(1));
    }
    cache.tokenFor("u1", counting); // u2 is now the least recently used
    clock.advance(Duration.ofSeconds(1));
    cache.tokenFor("u4", counting);
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.holds("u2")).isFalse();
    assertThat(cache.holds("u1")).isTrue();
    assertThat(cache.holds("u4")).isTrue();
    assertThat(mints).hasValue(4);
    cache.tokenFor("u2", counting);
    assertThat(mints).hasValue(5);
  }

  @Test
  void staysBoundedUnderManyUsers() {
    AtomicTokenCache cache = AtomicTokenCache.builder(oneHour).maximumSize(50).build();
    for (int i = 0; i < 200; i++) {
      cache.tokenFor("user-" + i);
    }
    assertThat(cache.size()).isBetween(45, 50);
    assertThat(cache.holds("user-199")).isTrue();
  }

  @Test
  void concurrentMissesForOneUserMintOnce() throws Exception {
    AtomicTokenCache cache = AtomicTokenCache.create(oneHour);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        calls.add(() -> {
          start.await();
          return cache.tokenFor("u1", counting);
        });
      }
      List<Future<String>> futures = new ArrayList<>();
      for (Callable<String> c : calls) {
        futures.add(pool.submit(c));
      }
      start.countDown();
      List<String> tokens = new ArrayList<>();
      for (Future<String> f : futures) {
        tokens.add(f.get());
      }
      assertThat(mints).hasValue(1);
      assertThat(tokens).hasSize(threads).allMatch(t -> t.equals(tokens.get(0)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cachesNothingWhenMintingIsRefused() {
    AtomicTokenCache cache = AtomicTokenCache.create(oneHour);
    assertThatThrownBy(() -> cache.tokenFor(" "))
        .isInstanceOf(TokenRejectedException.class)
        .satisfies(e -> assertThat(((TokenRejectedException) e).violations().get(0).rule()).isEqualTo(Rule.USER_ID_MISSING));
    assertThat(cache.size()).isZero();
  }

  @Test
  void keepsTheCachedTokenWhenALaterRefreshIsRefused() {
    AtomicTokenCache cache = AtomicTokenCache.create(oneHour);
    String first = cache.tokenFor("u1");
    clock.advance(Duration.ofMinutes(55));
    assertThatThrownBy(() -> cache.tokenFor("u1", b -> b.claim("exp", 1))).isInstanceOf(TokenRejectedException.class);
    assertThat(cache.holds("u1")).isTrue();
    assertThat(cache.tokenFor("u1")).isNotEqualTo(first);
  }

  @Test
  void invalidateForgetsOneUserAndInvalidateAllEveryone() {
    AtomicTokenCache cache = AtomicTokenCache.create(oneHour);
    cache.tokenFor("u1", counting);
    cache.tokenFor("u2", counting);
    cache.invalidate("u1");
    cache.invalidate(null);
    assertThat(cache.holds("u1")).isFalse();
    assertThat(cache.holds("u2")).isTrue();
    cache.invalidateAll();
    assertThat(cache.size()).isZero();
    cache.tokenFor("u2", counting);
    assertThat(mints).hasValue(3);
  }

  @Test
  void toStringShowsSettingsNotTokens() {
    AtomicTokenCache cache = AtomicTokenCache.create(oneHour);
    cache.tokenFor("secret-user");
    assertThat(cache.toString())
        .isEqualTo("AtomicTokenCache[size=1, maximumSize=10000, refreshBeforeExpiryMillis=360000]");
  }

  static Stream<Arguments> invalidArguments() {
    AtomicTokenBuilder b = AtomicTokenBuilder.create(RSA);
    return Stream.of(
        Arguments.of((Supplier<?>) () -> AtomicTokenCache.builder(null),
            "tokens is null. Fix: pass a configured AtomicTokenBuilder."),
        Arguments.of((Supplier<?>) () -> AtomicTokenCache.builder(b).maximumSize(0),
            "maximumSize is 0; it must be at least 1. Fix: pass e.g. 10000."),
        Arguments.of((Supplier<?>) () -> AtomicTokenCache.builder(b).refreshMargin(null),
            "refreshMargin is null. Fix: pass zero or more, such as Duration.ofMinutes(5)."),
        Arguments.of((Supplier<?>) () -> AtomicTokenCache.builder(b).refreshMargin(Duration.ofSeconds(-1)),
            "refreshMargin is negative. Fix: pass zero or more, such as Duration.ofMinutes(5)."),
        Arguments.of((Supplier<?>) () -> AtomicTokenCache.builder(b).userIdClaim("id"),
            "userIdClaim must be \"sub\" or \"atomic_sub\". Fix: pass one of them; set other claims in the customizer."),
        Arguments.of((Supplier<?>) () -> AtomicTokenCache.create(b).tokenFor(null),
            "userId is null. Fix: pass the logged-in user's ID."),
        Arguments.of((Supplier<?>) () -> AtomicTokenCache.create(b).tokenFor("u1", x -> null),
            "the customizer returned null. Fix: return the builder it was given, with your changes."));
  }

  @ParameterizedTest
  @MethodSource("invalidArguments")
  void refusesInvalidArguments(Supplier<?> call, String message) {
    SignedTokens.assertInvalidArgument(call::get, message);
  }
}
