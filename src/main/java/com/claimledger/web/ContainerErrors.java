package com.claimledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Errors Tomcat answers before a request reaches the application (a malformed %-escape, an encoded slash, a bad
 * request line) are problem+json too. Tomcat renders them with the host's {@link ErrorReportValve}, an HTML page;
 * this replaces that valve (Spring Boot's own and the one the host would add) with one that writes a problem.
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final ObjectMapper json;

    ContainerErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // Runs after Spring Boot's customizer, which may already have put a plain ErrorReportValve on the host.
        factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemValve(json));
            if (host instanceof StandardHost standard) {
                // The host adds a valve of this class at start unless one is there: ours is.
                standard.setErrorReportValveClass(ProblemValve.class.getName());
            }
        });
    }

    /** Writes the container's error responses as problems, with nothing of the failure in them. */
    static final class ProblemValve extends ErrorReportValve {

        private final ObjectMapper json;

        ProblemValve(ObjectMapper json) {
            this.json = json;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // As the base valve: only errors, only when nothing was written, and each error once.
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean();
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            String detail = status == 400
                    ? "the request is malformed: the path or query has an invalid %-escape, an encoded '/' or '\\',"
                    + " or a character that is not allowed"
                    : status >= 500 ? "the ledger could not complete the request" : title;
            try {
                byte[] body = json.writeValueAsBytes(Problems.problem(status, title, detail, List.of()));
                response.resetBuffer();
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response cannot take a body: nothing more to tell anyone.
            }
        }
    }
}
