# Sourced by the build scripts: when ccache is on the machine, builds go through it, with paths
# taken relative to the checkout so that clones in other folders share the cache. CI machines
# start without ccache, so there this sets nothing; a developer's second clone builds in minutes.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR=$PWD
fi
