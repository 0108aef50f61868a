package io.effortmap.common.logging;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.MDC;

/**
 * Passes the request id of the request being served on to every REST client call made for it, so one id links the
 * gateway's access line with the log lines of each service the request reached. Background work (feed polls) has
 * no request id and sends none.
 */
@Provider
public class RequestIdPropagation implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        Object id = MDC.get(RequestIds.MDC_KEY);
        if (id != null && !request.getHeaders().containsKey(RequestIds.HEADER)) {
            request.getHeaders().putSingle(RequestIds.HEADER, id.toString());
        }
    }
}
