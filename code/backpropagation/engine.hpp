// The book's reverse-mode engine: a tape of scalar operations, each with its forward
// value and its backward rule side by side, in the spirit of micrograd.
//
// Scalar nodes, not vector ops: every backward rule is one line a reader can check
// against the chain rule, and a fork (a value used twice) is visible as two
// accumulations into one node. The tape records nodes in the order they are made,
// which is already an order in which every operand comes before its uses, so the
// backward pass is one loop from the last node to the first: the "reverse network".
// It runs on double only; the oracles differentiate the templated forward code of
// backpropagation.hpp, which is written apart from this file.
#pragma once

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace backpropagation {

/// The operations of the engine; each has a forward value and a backward rule.
enum class Op { input, add, mul, sigmoid, relu, exp, log };

/// One scalar of the graph: its operation, its operands, its value and the gradient
/// dC/d(this node) that the backward pass accumulates.
struct Node {
    Op op;
    std::size_t a; // first operand (unused for inputs)
    std::size_t b; // second operand (add and mul only)
    double value;
    double grad;
};

class Graph;

/// A handle to a node of a graph: what the forward code of a network passes around.
struct Var {
    Graph* graph;
    std::size_t index;
};

class Graph {
public:
    /// A leaf: a parameter, an input or a constant.
    Var input(double value) { return push(Op::input, 0, 0, value); }

    // [bp_engine_forward]
    Var add(Var x, Var y) { return push(Op::add, x.index, y.index, val(x) + val(y)); }
    Var mul(Var x, Var y) { return push(Op::mul, x.index, y.index, val(x) * val(y)); }
    Var sigmoid(Var x)
    {
        return push(Op::sigmoid, x.index, 0, 1.0 / (1.0 + std::exp(-val(x))));
    }
    Var exp(Var x) { return push(Op::exp, x.index, 0, std::exp(val(x))); }
    Var log(Var x) { return push(Op::log, x.index, 0, std::log(val(x))); }
    Var relu(Var x) { return push(Op::relu, x.index, 0, val(x) > 0.0 ? val(x) : 0.0); }
    // [bp_engine_forward]

    double value(Var x) const { return val(x); }
    double grad(Var x) const { return nodes_.at(x.index).grad; }
    std::size_t size() const { return nodes_.size(); }

    /// Sets every dC/d(node) for C = root, from the root back to the first node.
    void backward(Var root)
    {
        for (Node& n : nodes_)
            n.grad = 0.0;
        nodes_.at(root.index).grad = 1.0; // dC/dC
        // [bp_engine_backward]
        for (std::size_t i = root.index + 1; i-- > 0;) {
            const Node& n = nodes_[i];
            switch (n.op) {
            case Op::input:
                break;
            case Op::add: // add distributes
                accumulate(n.a, n.grad);
                accumulate(n.b, n.grad);
                break;
            case Op::mul: // multiply swaps
                accumulate(n.a, nodes_[n.b].value * n.grad);
                accumulate(n.b, nodes_[n.a].value * n.grad);
                break;
            case Op::sigmoid: // sigma' = sigma (1 - sigma), from the stored value
                accumulate(n.a, n.value * (1.0 - n.value) * n.grad);
                break;
            case Op::relu: // max routes: through where the output is positive, so
                           // ReLU'(0) = 0
                accumulate(n.a, n.value > 0.0 ? n.grad : 0.0);
                break;
            case Op::exp: // (e^x)' = e^x, the stored value again
                accumulate(n.a, n.value * n.grad);
                break;
            case Op::log:
                accumulate(n.a, n.grad / nodes_[n.a].value);
                break;
            }
        }
        // [bp_engine_backward]
    }

    /// Operations counted so far: one per node computed forward, one per
    /// accumulation backward (a product of a local derivative and an upstream
    /// gradient, added into a node).
    std::size_t forward_ops() const { return forward_ops_; }
    std::size_t backward_ops() const { return backward_ops_; }

private:
    double val(Var x) const
    {
        if (x.graph != this || x.index >= nodes_.size())
            throw std::invalid_argument("Var does not belong to this graph");
        return nodes_[x.index].value;
    }

    Var push(Op op, std::size_t a, std::size_t b, double value)
    {
        if (op != Op::input)
            ++forward_ops_;
        nodes_.push_back(Node{op, a, b, value, 0.0});
        return Var{this, nodes_.size() - 1};
    }

    // [bp_engine_accumulate]
    void accumulate(std::size_t i, double local_times_upstream)
    {
        nodes_[i].grad += local_times_upstream; // gradients add at forks
        ++backward_ops_;
    }
    // [bp_engine_accumulate]

    std::vector<Node> nodes_;
    std::size_t forward_ops_ = 0;
    std::size_t backward_ops_ = 0;
};

} // namespace backpropagation
