// Data files compiled into the binary at build time (analyzer/cmake/embed.cmake):
// the SQL schema, the rules with their remediation templates, the report templates, the
// collection script.
#pragma once

#include <span>
#include <string_view>

namespace csx::embedded {

struct file {
    std::string_view path;     // relative to its root folder, '/'-separated
    std::string_view content;  // the file's bytes
};

std::span<const file> schema();     // schema/*.sql
std::span<const file> rules();      // analyzer/rules/**
std::span<const file> templates();  // reports/templates/**
std::span<const file> collect();    // analyzer/collect/** (the csx collect script)

}  // namespace csx::embedded
