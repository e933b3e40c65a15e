package dev.jwtsigner.atomic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AtomicPolicyTest {

  @Test
  void defaultsMirrorThePlatform() {
    AtomicPolicy p = AtomicPolicy.defaults();
    assertThat(p.maxTokenExpiry()).isEqualTo(Duration.ofDays(7));
    assertThat(p.allowedIssuers()).isEmpty();
    assertThat(p.userIdClaims()).containsExactly("atomic_sub", "atomic_id", "sub", "id");
    assertThat(p.claimMapping()).isEmpty();
    assertThat(p.sdkExpiryInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(AtomicPolicy.builder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(AtomicPolicy.builder().maxTokenExpiry(Duration.ofDays(6)).build().hashCode())
        .as("a different policy hashes differently").isNotEqualTo(p.hashCode());
  }

  @Test
  void reservesTheRegisteredClaimsAtomicSubAndEveryUserIdClaim() {
    assertThat(AtomicPolicy.defaults().reservedClaims())
        .containsExactly("iss", "sub", "exp", "iat", "nbf", "atomic_sub", "atomic_id", "id");
    assertThat(AtomicPolicy.builder().userIdClaims("uid", "sub").build().reservedClaims())
        .containsExactly("iss", "sub", "exp", "iat", "nbf", "atomic_sub", "uid");
  }

  @Test
  void keepsEverySetting() {
    AtomicPolicy p = AtomicPolicy.builder()
        .maxTokenExpiry(Duration.ofDays(2))
        .allowedIssuers("a", "b")
        .userIdClaims("uid", "sub")
        .mapClaim(AtomicPolicy.EMAIL, "user_email")
        .mapClaim("Birthday", "dob")
        .sdkExpiryInterval(Duration.ofSeconds(300))
        .build();
    assertThat(p.maxTokenExpiry()).isEqualTo(Duration.ofDays(2));
    assertThat(p.allowedIssuers()).containsExactly("a", "b");
    assertThat(p.userIdClaims()).containsExactly("uid", "sub");
    assertThat(p.claimMapping()).containsExactly(Map.entry("email", "user_email"), Map.entry("Birthday", "dob"));
    assertThat(p.sdkExpiryInterval()).isEqualTo(Duration.ofSeconds(300));
    assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p).isNotEqualTo(AtomicPolicy.defaults());
  }

  @Test
  void namesEachFieldsClaimByTheMappingOrByItsOwnName() {
    AtomicPolicy p = AtomicPolicy.builder().mapClaim(AtomicPolicy.EMAIL, "user_email").build();
    assertThat(p.claimName(AtomicPolicy.EMAIL)).isEqualTo("user_email");
    assertThat(p.claimName(AtomicPolicy.PHONE)).isEqualTo("phone");
    assertThat(p.claimName("Loyalty Tier")).isEqualTo("Loyalty Tier");
    assertThat(AtomicPolicy.PROFILE_FIELDS)
        .containsExactly("external_id", "name", "email", "phone", "city", "country", "region");
  }

  @Test
  void allowedIssuersReplacesEarlierCallsAndNoneMeansUnchecked() {
    AtomicPolicy p = AtomicPolicy.builder().allowedIssuers("a").allowedIssuers("b").build();
    assertThat(p.allowedIssuers()).containsExactly("b");
    assertThat(p.toBuilder().allowedIssuers().build().allowedIssuers()).isEmpty();
  }

  @Test
  void isImmutable() {
    AtomicPolicy p = AtomicPolicy.builder().allowedIssuers("a").mapClaim("x", "y").build();
    assertThatThrownBy(() -> p.allowedIssuers().add("b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.claimMapping().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.userIdClaims().add("b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.reservedClaims().add("b")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringListsTheSettings() {
    assertThat(AtomicPolicy.builder().allowedIssuers("my-backend").build().toString()).isEqualTo(
        "AtomicPolicy[maxTokenExpiry=PT168H, allowedIssuers=[my-backend], userIdClaims=[atomic_sub, atomic_id, sub, id],"
            + " claimMapping={}, sdkExpiryInterval=PT1M]");
  }

  @Test
  void acceptsAZeroSdkInterval() {
    assertThat(AtomicPolicy.builder().sdkExpiryInterval(Duration.ZERO).build().sdkExpiryInterval()).isZero();
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().maxTokenExpiry(null),
            "maxTokenExpiry is null. Fix: pass a value, or leave the setting out to keep its default."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().maxTokenExpiry(Duration.ZERO),
            "maxTokenExpiry must be a positive number of whole seconds. Fix: pass e.g. Duration.ofDays(7)."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().maxTokenExpiry(Duration.ofDays(-1)),
            "maxTokenExpiry must be a positive number of whole seconds. Fix: pass e.g. Duration.ofDays(7)."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().maxTokenExpiry(Duration.ofMillis(1500)),
            "maxTokenExpiry must be a positive number of whole seconds. Fix: pass e.g. Duration.ofDays(7)."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().allowedIssuers((String[]) null),
            "allowedIssuers is null. Fix: pass a value, or leave the setting out to keep its default."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().allowedIssuers("a", null),
            "allowedIssuers contains a null name. Fix: pass non-blank names."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().allowedIssuers(" "),
            "allowedIssuers contains a blank name. Fix: pass non-blank names."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().userIdClaims((String[]) null),
            "userIdClaims is null. Fix: pass a value, or leave the setting out to keep its default."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().userIdClaims(),
            "userIdClaims is empty. Fix: name at least one claim, such as \"sub\"."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().userIdClaims("sub", "sub"),
            "userIdClaims names a claim twice. Fix: list each claim once."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().userIdClaims("exp"),
            "userIdClaims may not use the registered claim exp. Fix: use sub or a custom claim."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().mapClaim(null, "x"),
            "mapClaim field contains a null name. Fix: pass non-blank names."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().mapClaim("email", ""),
            "mapClaim claimName contains a blank name. Fix: pass non-blank names."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().mapClaim("email", "iat"),
            "mapClaim would write email under the registered claim iat. Fix: map it to a claim the platform does not"
                + " reserve."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().sdkExpiryInterval(null),
            "sdkExpiryInterval is null. Fix: pass a value, or leave the setting out to keep its default."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().sdkExpiryInterval(Duration.ofSeconds(-1)),
            "sdkExpiryInterval must be zero or more whole seconds. Fix: pass e.g. Duration.ofSeconds(60)."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().maxTokenExpiry(Duration.ofSeconds(60)).build(),
            "sdkExpiryInterval (60 s) is not shorter than maxTokenExpiry (60 s), so no token could be used. Fix: shorten"
                + " the interval or raise the maximum."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().mapClaim("email", "atomic_id").build(),
            "mapClaim writes email under the user-ID claim atomic_id, which would change whose token it is. Fix: map it"
                + " to another claim name."),
        Arguments.of((Supplier<?>) () -> AtomicPolicy.builder().userIdClaims("uid").mapClaim("email", "atomic_sub").build(),
            "mapClaim writes email under the user-ID claim atomic_sub, which would change whose token it is. Fix: map"
                + " it to another claim name."));
  }

  @ParameterizedTest
  @MethodSource("invalidSettings")
  void refusesInvalidSettingsAsInvalidArgument(Supplier<?> call, String message) {
    SignedTokens.assertInvalidArgument(call::get, message);
  }

  @Test
  void aBuilderDoesNotChangeAPolicyBuiltEarlier() {
    AtomicPolicy.Builder b = AtomicPolicy.builder().allowedIssuers("a");
    AtomicPolicy first = b.build();
    b.allowedIssuers("b").mapClaim("email", "mail");
    assertThat(first.allowedIssuers()).isEqualTo(java.util.Set.of("a"));
    assertThat(first.claimMapping()).isEmpty();
    assertThat(List.copyOf(b.build().allowedIssuers())).containsExactly("b");
  }
}
