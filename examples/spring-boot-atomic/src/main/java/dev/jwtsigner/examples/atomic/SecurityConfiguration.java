package dev.jwtsigner.examples.atomic;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Logs in the way a real host app does: the password is checked once, at {@code POST /login} (HTTP Basic
 * against Spring Boot's in-memory demo user here; your own login in a real app), and the session remembers the
 * user, so a token request costs a session lookup and a cache lookup, not a password hash. Failed logins are
 * throttled per client and user before the password is hashed ({@link LoginThrottle}). The JWKS (if enabled)
 * and the health endpoint are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** {@code POST /login}: HTTP Basic, throttled, and the authenticated user saved in a new session. */
  @Bean
  @Order(1)
  SecurityFilterChain loginChain(HttpSecurity http, LoginThrottle throttle) throws Exception {
    BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
    entryPoint.setRealmName("atomic-token-demo");
    return http
        .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login"))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint)
            .securityContextRepository(new HttpSessionSecurityContextRepository()))
        .addFilterBefore(throttle, BasicAuthenticationFilter.class)
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
        .csrf(csrf -> csrf.disable()) // credentials travel in the request itself, not in an ambient cookie
        .build();
  }

  /** Everything else: the session's user, or 401; never a password check. */
  @Bean
  @Order(2)
  SecurityFilterChain sessionChain(HttpSecurity http, @Value("${jwt-signer.atomic.jwks.path:/.well-known/jwks.json}") String jwksPath)
      throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.GET, jwksPath, "/actuator/health", "/actuator/health/**").permitAll()
            .anyRequest().authenticated())
        .exceptionHandling(errors -> errors.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .build();
  }

  /** The throttle runs inside the login chain only, not as a filter of every request. */
  @Bean
  FilterRegistrationBean<LoginThrottle> loginThrottleOutsideSecurity(LoginThrottle throttle) {
    FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(throttle);
    registration.setEnabled(false);
    return registration;
  }

  @Bean
  LoginThrottle loginThrottle(@Value("${login.throttle.max-failures:5}") int maxFailures,
      @Value("${login.throttle.window:1m}") Duration window) {
    return new LoginThrottle(maxFailures, window, Runtime.getRuntime().availableProcessors(), Clock.systemUTC());
  }
}
