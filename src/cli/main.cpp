#include "cli.hpp"

int main(int argc, char** argv) {
    return iamlint::cli::main(argc, argv);
}
