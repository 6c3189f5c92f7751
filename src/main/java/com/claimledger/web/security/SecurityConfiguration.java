package com.claimledger.web.security;

import com.claimledger.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads are public (a replay's progress too); writes need an editor's bearer token; other {@code /api/admin/**}
 * operations need an admin's. A request that presents a token the ledger does not know is refused whatever it asks.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, TokenRegistry tokens, ObjectMapper json) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(tokens, json), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/admin/replay/*").permitAll()
                        .requestMatchers("/api/admin/**").hasRole(TokenRegistry.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/api/**").permitAll()
                        .requestMatchers("/api/**").hasRole(TokenRegistry.EDITOR)
                        .requestMatchers(HttpMethod.GET, "/actuator/**").hasRole(TokenRegistry.ADMIN)
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> write(response, json, 401, "Unauthorized",
                                "this request needs an Authorization: Bearer token"))
                        .accessDeniedHandler((request, response, e) -> write(response, json, 403, "Forbidden",
                                "the token's principal lacks the role this request needs")))
                .build();
    }

    /**
     * No observations of Spring Security's own (its filter chain's, one for each filter a request passes, its
     * authentications' and authorizations'): with them, a light read at 10^6 entries spent some 12% of its CPU making
     * observations' tags and meters (docs/benchmarks.md, thirty-third round). Each request is still observed once, as
     * {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The ledger knows bearer tokens only. Without an authentication manager of its own, Spring Boot would create an
     * in-memory user with a generated password and log it ("Using generated security password"): a credential that
     * opens nothing here, but reads as if it did.
     */
    @Bean
    AuthenticationManager noPasswordLogins() {
        return authentication -> {
            throw new ProviderNotFoundException("the ledger accepts bearer tokens only");
        };
    }

    static void write(HttpServletResponse response, ObjectMapper json, int status, String title, String detail)
            throws IOException {
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        Problems.write(response, json, status, title, detail);
    }

    private static final class BearerTokenFilter extends OncePerRequestFilter {

        private final TokenRegistry tokens;
        private final ObjectMapper json;

        BearerTokenFilter(TokenRegistry tokens, ObjectMapper json) {
            this.tokens = tokens;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null) {
                var principal = header.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? tokens.authenticate(header.substring(7).strip()) : Optional.<TokenRegistry.Principal>empty();
                if (principal.isEmpty()) {
                    write(response, json, 401, "Unauthorized", "the bearer token is not valid");
                    return;
                }
                var authorities = principal.get().roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
                SecurityContextHolder.getContext().setAuthentication(
                        new UsernamePasswordAuthenticationToken(principal.get().name(), null, authorities));
            }
            chain.doFilter(request, response);
        }
    }
}
