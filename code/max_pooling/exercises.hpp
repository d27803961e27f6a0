// The worked solutions of the exercises of "Max pooling": each is a formula of its
// own, checked by tests/max_pooling.cpp like the chapter's.
#pragma once

#include "max_pooling/max_pooling.hpp"
#include "one_hidden_layer/one_hidden_layer.hpp"
#include "softmax_cross_entropy/softmax_cross_entropy.hpp"

namespace max_pooling::exercises {

/// Exercise 1: global max pooling, one window per channel of each image (y has N C
/// entries), written without windows: each plane's first maximum takes dL/dy.
// [mp_ex_global]
inline Vector global_max_pool_backward(const Shape& in, const Vector& x,
                                       const Vector& dL_dy)
{
    const Eigen::Index plane = in.H * in.W;
    Vector dL_dx = Vector::Zero(in.size());
    for (Eigen::Index nc = 0; nc < in.N * in.C; ++nc) {
        Eigen::Index best = nc * plane;
        for (Eigen::Index k = best + 1; k < (nc + 1) * plane; ++k)
            if (x(k) > x(best))
                best = k;
        dL_dx(best) = dL_dy(nc); // one window per plane: nothing to add up
    }
    return dL_dx;
}
// [mp_ex_global]

/// Exercise 2: y = ReLU(maxpool(x)) and y = maxpool(ReLU(x)) are the same map; the
/// gradient of each, by its own chain rule.
// [mp_ex_commute]
inline Vector pool_then_relu_backward(const Pooling& P, const Vector& x,
                                      const Vector& dL_dy)
{
    const PooledT<double> m = max_pool<double>(P, x);
    const Vector dL_dm = dL_dy.cwiseProduct(one_hidden_layer::relu_prime(m.y));
    return max_pool_backward(P, m.switches, dL_dm);
}

inline Vector relu_then_pool_backward(const Pooling& P, const Vector& x,
                                      const Vector& dL_dy)
{
    const Vector h = one_hidden_layer::relu<double>(x);
    const PooledT<double> pooled = max_pool<double>(P, h);
    const Vector dL_dh = max_pool_backward(P, pooled.switches, dL_dy);
    return dL_dh.cwiseProduct(one_hidden_layer::relu_prime(x));
}
// [mp_ex_commute]

/// Exercise 3: J = CE(y, softmax(theta)) with the pooled outputs as the logits,
/// theta = maxpool(x): dJ/dx is y_hat - y routed through the switches.
// [mp_ex_softmax]
inline Vector dJ_dx_pooled(const Pooling& P, const Vector& x, const Vector& y)
{
    const PooledT<double> theta = max_pool<double>(P, x);
    const Vector delta = softmax_cross_entropy::dJ_dtheta(theta.y, y); // y_hat - y
    return max_pool_backward(P, theta.switches, delta);
}
// [mp_ex_softmax]

} // namespace max_pooling::exercises
