/** What XMPP servers store in their own formats (ejabberd's Erlang terms). */
@ApplicationModule(allowedDependencies = {"source", "step"})
package io.maximbatch.legacy;

import org.springframework.modulith.ApplicationModule;
